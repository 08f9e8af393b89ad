import { Ajv, type Options } from 'ajv'
import addFormatsModule from 'ajv-formats'

// ajv-formats is CommonJS: under NodeNext its default import is the module object, whose
// `default` is the plugin. Resolve that interop once here.
const addFormats = (addFormatsModule as unknown as typeof addFormatsModule).default

/** An Ajv instance with the standard formats (email, uuid, date-time, date, uri) registered. */
export function createAjv(options: Options = {}): Ajv {
  const ajv = new Ajv({ allErrors: true, strict: false, ...options })
  addFormats(ajv)
  return ajv
}
