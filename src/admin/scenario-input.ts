import { isFileError } from '../errors/file-error.js'
import type { FieldError } from '../errors/http-error.js'
import { HttpError } from '../errors/http-error.js'
import { parseScenarioDefinition, type ScenarioDefinition } from '../scenarios/parse-scenario.js'
import { loadScenario, type ScenarioLookup } from '../scenarios/resolve-scenario.js'
import type { Scenario } from '../scenarios/scenario-spec.js'
import { invalid } from './admin-input.js'

/** The most scenarios one `PUT /scenarios/active` may switch on. */
export const MAX_ACTIVE_SCENARIOS = 100

/**
 * The scenarios a `PUT /scenarios/active` body asks for: `{"names": [...]}`, or `{"scenarios":
 * [...]}` whose items are names or definitions in the file format. Every item is checked before
 * anything changes; any problem is one 400 `invalid_scenario` naming all of them. Over HTTP a name
 * is never a file path.
 *
 * @example
 * scenariosOfBody({ scenarios: [{ name: 'down', rules: [{ respond: { status: 503 } }] }, 'flaky'] }, lookup)
 */
export function scenariosOfBody(body: unknown, lookup: ScenarioLookup): Scenario[] {
  const object = typeof body === 'object' && body !== null && !Array.isArray(body) ? body : {}
  const { names, scenarios } = object as { names?: unknown; scenarios?: unknown }
  const field = scenarios === undefined ? 'names' : 'scenarios'
  const items = scenarios ?? names
  const allowed = field === 'names' ? isName : isNameOrDefinition
  if (!Array.isArray(items) || !items.every(allowed)) {
    throw invalid(
      field,
      field === 'names'
        ? 'must be a list of scenario names'
        : 'must be a list of scenario names and definitions ({ name, rules: [...] })',
    )
  }
  // A name listed twice is one scenario; more than the cap is refused before any file is read.
  const unique = [...new Set(items as (string | ScenarioDefinition)[])]
  if (unique.length > MAX_ACTIVE_SCENARIOS) {
    throw invalid(field, `must list at most ${MAX_ACTIVE_SCENARIOS} scenarios`)
  }
  const errors: FieldError[] = []
  const loaded: Scenario[] = []
  for (const item of unique) {
    try {
      loaded.push(
        typeof item === 'string' ? loadScenario(item, lookup) : parseScenarioDefinition(item),
      )
    } catch (error) {
      if (!isFileError(error)) throw error
      errors.push(...error.issues.map((issue) => ({ field: issue.file, message: issue.message })))
    }
  }
  if (errors.length > 0) {
    throw new HttpError(400, {
      code: 'invalid_scenario',
      detail: `${errors.length === 1 ? 'A scenario does' : 'Scenarios do'} not load; the scenarios in force are unchanged.`,
      errors,
    })
  }
  return loaded
}

function isName(value: unknown): value is string {
  return typeof value === 'string' && !/\.ya?ml$/i.test(value)
}

function isNameOrDefinition(value: unknown): boolean {
  return isName(value) || (typeof value === 'object' && value !== null && !Array.isArray(value))
}
