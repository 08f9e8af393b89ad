import type { ApiModel, SecurityScheme } from '../model/api-model.js'
import { describeSchemes } from '../model/describe-schemes.js'

/** The model as the banner, the admin API and the control page show it. */
export function summarizeModel(model: ApiModel) {
  const used = new Set(model.operations.flatMap((op) => op.security.flat()))
  const schemes = [...used]
    .map((name) => model.securitySchemes[name])
    .filter((s): s is SecurityScheme => s !== undefined && s.kind !== 'unsupported')
  return {
    title: model.title,
    basePath: model.basePath,
    collections: model.collections.map((c) => ({
      name: c.name,
      path: `${model.basePath}${c.path}`,
      key: c.key.field,
      keyKind: c.key.kind,
      // Finders (`GET /pet/findByStatus`) answered from the collection.
      finders: model.operations
        .filter(
          (op) => op.role.kind === 'list' && op.role.collection === c.name && op.path !== c.path,
        )
        .map((op) => `${op.method.toUpperCase()} ${model.basePath}${op.path}`),
    })),
    operations: model.operations
      .filter((op) => op.role.kind === 'static')
      .map((op) => `${op.method.toUpperCase()} ${model.basePath}${op.path}`),
    security: schemes.length === 0 ? undefined : describeSchemes(schemes),
    warnings: model.warnings,
  }
}
