import type { FieldSpec, ResourceSpec } from '../resources/resource-spec.js'

/**
 * Inferred resources as a `mockapi.yaml` the user can edit and keep: each collection's fields and
 * records. A config file's records have integer ids and server-set stamps, so string ids are left
 * out (the records are numbered in order, and references to them are plain fields); a singular
 * resource, which a config file cannot hold, is named in a comment.
 */
export async function formatDbConfig(
  file: string,
  resources: readonly ResourceSpec[],
): Promise<string> {
  const { stringify } = await import('yaml')
  const collections = resources.filter((r) => r.singular !== true)
  const renumbered = new Set(
    collections.filter((r) => (r.keyKind ?? 'integer') !== 'integer').map((r) => r.name),
  )
  const config = {
    builtins: false,
    resources: Object.fromEntries(
      collections.map((r) => [
        r.name,
        {
          count: 0,
          fields: Object.fromEntries(
            Object.entries(r.fields)
              .filter(([name]) => name !== 'id')
              .map(([name, spec]) => [name, configField(spec, renumbered)]),
          ),
          records: renumbered.has(r.name)
            ? (r.records ?? []).map(({ id: _id, ...rest }) => rest)
            : (r.records ?? []),
        },
      ]),
    ),
  }
  const header = [
    `# Inferred by mockapi from ${file}. Edit it, then: mockapi --config mockapi.yaml`,
    ...[...renumbered].map(
      (name) => `# ${name}: string ids in ${file}; here its records are numbered 1, 2, … in order`,
    ),
    ...resources
      .filter((r) => r.singular === true)
      .map(
        (r) =>
          `# ${r.name}: a singular resource, which a config file cannot hold; serve ${file} for it`,
      ),
  ]
  return `${header.join('\n')}\n${stringify(config)}`
}

function configField(spec: FieldSpec, renumbered: ReadonlySet<string>): FieldSpec | string {
  const { ref, ...rest } = spec
  const kept = ref === undefined || renumbered.has(ref) ? rest : spec
  return Object.keys(kept).length === 1 ? kept.type : kept
}
