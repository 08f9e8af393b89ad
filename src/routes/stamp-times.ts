import type { JsonSchema } from '../model/api-model.js'
import { propertiesOf, typesOf } from '../openapi/schema-tools.js'

const CREATED = /^(created|creation)(_?(at|on|date|time))?$|^date_?created$/i
const UPDATED =
  /^(updated|modified|last_?modified)(_?(at|on|date|time))?$|^date_?(updated|modified)$/i

/**
 * The server's timestamps of a record being written, on the instance's clock (so the virtual
 * clock moves them): date-time fields named like `createdAt`/`created_at` get the time of a
 * create that does not bring them, and `updatedAt`/`modified_at` the time of every write.
 */
export function stampTimes(
  itemSchema: JsonSchema,
  record: Record<string, unknown>,
  now: number,
  create: boolean,
): Record<string, unknown> {
  const iso = new Date(now).toISOString()
  for (const [name, property] of Object.entries(propertiesOf(itemSchema))) {
    if (property.format !== 'date-time' || !typesOf(property).includes('string')) continue
    const stamp = UPDATED.test(name) || (create && CREATED.test(name))
    if (stamp && (!create || record[name] === undefined)) record[name] = iso
  }
  return record
}
