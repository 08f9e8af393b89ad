import type { FieldError } from '../errors/http-error.js'
import type { ResourceSpec } from '../resources/resource-spec.js'
import type { Store } from '../store/create-store.js'

/** Reference fields must name a record that exists and is visible, as a real API's foreign keys would. */
export function checkReferences(
  store: Store,
  spec: ResourceSpec,
  data: Readonly<Record<string, unknown>>,
  scope?: string,
): FieldError[] {
  const errors: FieldError[] = []
  for (const name in spec.fields) {
    const field = spec.fields[name]
    const value = data[name]
    if (field?.ref === undefined || !Object.hasOwn(data, name) || value === null) continue
    if (!store.get(field.ref, String(value), scope)) {
      errors.push({ field: name, message: `must be the id of an existing ${field.ref} record` })
    }
  }
  return errors
}
