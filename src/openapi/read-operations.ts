import {
  type DeclaredResponse,
  type JsonSchema,
  type NamedExample,
  OPERATION_METHODS,
  type OperationModel,
  type ParameterModel,
  type RequestBodyModel,
} from '../model/api-model.js'
import { requestSchema } from './request-schema.js'
import { asArray, asSchema, isJsonType } from './schema-tools.js'

/** An operation as read from the document, before collections give it a role. */
export interface RawOperation extends Omit<OperationModel, 'role'> {
  /** The names of the operation's callbacks, which the mock does not send. */
  readonly callbacks: readonly string[]
}

/** Every operation of the document's `paths`, parameters of the path and the operation merged. */
export function readOperations(document: JsonSchema): RawOperation[] {
  const operations: RawOperation[] = []
  const topSecurity = securityOf(document.security) ?? []
  for (const [path, value] of Object.entries(asSchema(document.paths) ?? {})) {
    const item = asSchema(value) ?? {}
    const shared = asArray(item.parameters)
    for (const method of OPERATION_METHODS) {
      const op = asSchema(item[method])
      if (op === undefined) continue
      const requestBody = bodyOf(asSchema(op.requestBody))
      operations.push({
        method,
        path,
        ...(typeof op.operationId === 'string' ? { operationId: op.operationId } : {}),
        parameters: parametersOf([...shared, ...asArray(op.parameters)]),
        ...(requestBody === undefined ? {} : { requestBody }),
        responses: responsesOf(asSchema(op.responses) ?? {}),
        security: securityOf(op.security) ?? topSecurity,
        callbacks: Object.keys(asSchema(op.callbacks) ?? {}),
      })
    }
  }
  return operations
}

function parametersOf(list: readonly unknown[]): ParameterModel[] {
  const byKey = new Map<string, ParameterModel>()
  for (const value of list) {
    const p = asSchema(value)
    if (p === undefined || typeof p.name !== 'string') continue
    const where = p.in
    if (where !== 'path' && where !== 'query' && where !== 'header' && where !== 'cookie') continue
    const schema = asSchema(p.schema) ?? firstSchema(asSchema(p.content))
    // An operation's parameter replaces the path's one of the same name and place.
    byKey.set(`${where}:${p.name}`, {
      name: p.name,
      in: where,
      required: p.required === true || where === 'path',
      ...(schema === undefined ? {} : { schema }),
    })
  }
  return [...byKey.values()]
}

function bodyOf(body: JsonSchema | undefined): RequestBodyModel | undefined {
  if (body === undefined) return undefined
  const content = asSchema(body.content) ?? {}
  const types = Object.keys(content).sort((a, b) => Number(isJsonType(b)) - Number(isJsonType(a)))
  const json = types.find(isJsonType)
  const schema = json === undefined ? undefined : asSchema(asSchema(content[json])?.schema)
  return {
    required: body.required === true,
    contentTypes: types,
    ...(schema ? { schema: requestSchema(schema) } : {}),
  }
}

function responsesOf(responses: JsonSchema): DeclaredResponse[] {
  return Object.entries(responses).map(([status, value]) => {
    const response = asSchema(value) ?? {}
    const content = asSchema(response.content) ?? {}
    const types = Object.keys(content)
    const contentType = types.find(isJsonType) ?? types[0]
    const media = contentType === undefined ? undefined : asSchema(content[contentType])
    const schema = asSchema(media?.schema)
    const headers: Record<string, { schema?: JsonSchema; example?: unknown }> = {}
    for (const [name, header] of Object.entries(asSchema(response.headers) ?? {})) {
      const h = asSchema(header) ?? {}
      const hs = asSchema(h.schema)
      headers[name] = {
        ...(hs ? { schema: hs } : {}),
        ...('example' in h ? { example: h.example } : {}),
      }
    }
    return {
      status,
      ...(contentType === undefined ? {} : { contentType }),
      contentTypes: types,
      ...(schema === undefined ? {} : { schema }),
      examples: examplesOf(media),
      headers,
    }
  })
}

/** Named examples first, in order; a lone `example` is named `example`. */
export function examplesOf(media: JsonSchema | undefined): NamedExample[] {
  if (media === undefined) return []
  const named = Object.entries(asSchema(media.examples) ?? {}).flatMap(([name, value]) => {
    const example = asSchema(value)
    return example !== undefined && 'value' in example ? [{ name, value: example.value }] : []
  })
  if ('example' in media) named.push({ name: 'example', value: media.example })
  return named
}

function firstSchema(content: JsonSchema | undefined): JsonSchema | undefined {
  const first = Object.values(content ?? {})[0]
  return asSchema(asSchema(first)?.schema)
}

function securityOf(value: unknown): string[][] | undefined {
  if (!Array.isArray(value)) return undefined
  return value.map((requirement) => Object.keys(asSchema(requirement) ?? {}))
}
