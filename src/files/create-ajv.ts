import { createRequire } from 'node:module'
import type { Ajv, Options } from 'ajv'
import type addFormatsModule from 'ajv-formats'

// Loaded on first use, not at start-up: a mock without a config or scenario file never needs a
// schema validator, and ajv costs ~100 ms to load. Both packages are CommonJS, so `require` is
// synchronous and keeps `createAjv` synchronous too.
const require = createRequire(import.meta.url)

/** An Ajv instance with the standard formats (email, uuid, date-time, date, uri) registered. */
export function createAjv(options: Options = {}): Ajv {
  const { Ajv: AjvClass } = require('ajv') as typeof import('ajv')
  const addFormats = require('ajv-formats') as typeof addFormatsModule.default
  const ajv = new AjvClass({ allErrors: true, strict: false, ...options })
  addFormats(ajv)
  return ajv
}
