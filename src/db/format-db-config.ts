import type { FieldSpec, ResourceSpec } from '../resources/resource-spec.js'

/**
 * Inferred resources as a `mockapi.yaml` the user can edit and keep: each collection's fields and
 * its records. A config file's records have integer ids and server-set stamps, so a collection
 * keyed by strings, and a singular resource, are named in a comment: serve the data file for those.
 */
export async function formatDbConfig(
  file: string,
  resources: readonly ResourceSpec[],
): Promise<string> {
  const { stringify } = await import('yaml')
  const kept = resources.filter(
    (r) => r.singular !== true && (r.keyKind ?? 'integer') === 'integer',
  )
  const left = resources.filter((r) => !kept.includes(r))
  const config = {
    builtins: false,
    resources: Object.fromEntries(
      kept.map((r) => [
        r.name,
        {
          count: 0,
          fields: Object.fromEntries(
            Object.entries(r.fields)
              .filter(([name]) => name !== 'id')
              .map(([name, spec]) => [name, configField(spec)]),
          ),
          records: r.records ?? [],
        },
      ]),
    ),
  }
  const header = [
    `# Inferred by mockapi from ${file}. Edit it, then: mockapi --config mockapi.yaml`,
    ...left.map(
      (r) =>
        `# ${r.name}: ${r.singular === true ? 'a singular resource' : 'string ids'}, which a config file cannot hold; serve ${file} for it`,
    ),
  ]
  return `${header.join('\n')}\n${stringify(config)}`
}

function configField(spec: FieldSpec): FieldSpec | string {
  const keys = Object.keys(spec)
  return keys.length === 1 ? spec.type : spec
}
