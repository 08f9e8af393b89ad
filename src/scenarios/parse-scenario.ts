import { readFileSync } from 'node:fs'
import type { ValidateFunction } from 'ajv'
import { parseDuration } from '../clock/parse-duration.js'
import { FileError, type FileIssue } from '../errors/file-error.js'
import { createAjv } from '../files/create-ajv.js'
import { locateProblems, parseYamlFile } from '../files/parse-yaml-file.js'
import { checkScenario } from './check-scenario.js'
import type {
  DelaySpec,
  Fault,
  HttpMethod,
  MatchSpec,
  RespondSpec,
  RuleSpec,
  Scenario,
  WhenSpec,
} from './scenario-spec.js'

type RawDuration = string | number
type RawValues = Readonly<Record<string, string | number | boolean>>
type RawDistribution = Readonly<Partial<Record<'min' | 'max' | 'mean' | 'stddev', RawDuration>>>

/**
 * A scenario written as in a YAML file — `method: POST`, `delay: 300ms`, `window: { from: 10s }`
 * — for `useScenarios([...])` and the `scenarios` option. Checked exactly as a file is.
 */
export interface ScenarioDefinition {
  /** Only a parsed `Scenario` has a source; this keeps the two apart. */
  readonly source?: never
  readonly $schema?: string
  readonly name?: string
  readonly description?: string
  readonly settings?: { readonly rateLimit?: string; readonly maintenance?: boolean }
  readonly rules?: readonly RawRule[]
}

interface RawRule {
  readonly match?: {
    readonly method?: string | readonly string[]
    readonly path?: string
    readonly headers?: RawValues
    readonly token?: string
    readonly query?: RawValues
  }
  readonly when?: Omit<WhenSpec, 'window' | 'resetEveryMs'> & {
    readonly window?: { readonly from?: RawDuration; readonly until?: RawDuration }
    readonly reset?: RawDuration
  }
  readonly respond?: {
    readonly status?: number
    readonly body?: unknown
    readonly headers?: Readonly<Record<string, string | number>>
    readonly delay?: RawDuration | RawDistribution
    readonly fault?: Fault
  }
}

// Same depth from src/scenarios/ and dist/scenarios/, so one relative URL serves tests and build.
const SCHEMA_URL = new URL('../../schema/mockapi.scenario.schema.json', import.meta.url)

// A compiled validator holds no data between calls, so one per process is enough.
let validator: ValidateFunction<ScenarioDefinition> | undefined

/**
 * Parses the text of a scenario file. Shape problems (checked by the shipped JSON Schema) and the
 * checks a schema cannot express — unknown methods, bad path patterns, durations out of range,
 * windows that close before they open, `min` above `max`, rules that answer nothing, rate limits
 * that do not parse — are all reported at once. Methods come back upper-cased, match header names
 * lower-cased, durations in milliseconds; `name` defaults to the file name without `.yaml`.
 * Throws a `FileError` whose issues carry the line and column of each problem.
 *
 * @example
 * const scenario = parseScenario('rules:\n  - match: { method: post, path: /tasks }\n    when: { times: 2 }\n    respond: { status: 503 }\n', 'fail.yaml')
 * scenario.rules[0] // { match: { methods: ['POST'], path: '/tasks' }, when: { times: 2 }, respond: { status: 503 } }
 */
export function parseScenario(text: string, file: string): Scenario {
  const raw = parseYamlFile(text, file, getValidator(), (value) => issuesOf(value, text, file))
  const issues = issuesOf(raw, text, file)
  if (issues.length > 0) throw new FileError(issues)
  const settings = raw.settings ?? {}
  // A file is known by its file name everywhere (--scenario, the list, the switches, the log);
  // only an inline scenario, which has no file, goes by its `name:`.
  const inline = file.startsWith('inline:')
  const name = inline ? (raw.name ?? defaultName(file)) : defaultName(file)
  const warnings =
    raw.name === undefined || raw.name === name ? [] : [nameWarning(raw.name, name, text, file)]
  return {
    name,
    description: raw.description ?? '',
    ...(warnings.length === 0 ? {} : { warnings }),
    ...(Object.keys(settings).length === 0 ? {} : { settings }),
    rules: (raw.rules ?? []).map(toRuleSpec),
    source: file,
  }
}

/**
 * Checks and parses a scenario given as an object in the file format (see `ScenarioDefinition`).
 * Problems are reported as for a file named `inline:<name>`, positions counted in the object's
 * JSON form.
 *
 * @example
 * parseScenarioDefinition({ name: 'down', rules: [{ respond: { status: 503 } }] })
 */
export function parseScenarioDefinition(definition: ScenarioDefinition): Scenario {
  const named = { name: 'inline', ...definition }
  return parseScenario(JSON.stringify(named, null, 2), `inline:${named.name}`)
}

function issuesOf(value: unknown, text: string, file: string) {
  return locateProblems(checkScenario(value), text, file)
}

function toRuleSpec(rule: RawRule): RuleSpec {
  return {
    match: toMatchSpec(rule.match ?? {}),
    ...(rule.when === undefined ? {} : { when: toWhenSpec(rule.when) }),
    respond: toRespondSpec(rule.respond ?? {}),
  }
}

function toMatchSpec(match: NonNullable<RawRule['match']>): MatchSpec {
  const { method, path, headers, token, query } = match
  const methods = method === undefined ? undefined : typeof method === 'string' ? [method] : method
  return {
    ...(methods === undefined
      ? {}
      : { methods: methods.map((name) => name.toUpperCase() as HttpMethod) }),
    ...(path === undefined ? {} : { path }),
    ...(headers === undefined ? {} : { headers: toValues(headers, (name) => name.toLowerCase()) }),
    ...(token === undefined ? {} : { token }),
    ...(query === undefined ? {} : { query: toValues(query, (name) => name) }),
  }
}

function toWhenSpec(when: NonNullable<RawRule['when']>): WhenSpec {
  const { window, reset, ...counted } = when
  const from = window?.from === undefined ? {} : { fromMs: parseDuration(window.from) }
  const until = window?.until === undefined ? {} : { untilMs: parseDuration(window.until) }
  return {
    ...counted,
    ...(window === undefined ? {} : { window: { ...from, ...until } }),
    ...(reset === undefined ? {} : { resetEveryMs: parseDuration(reset) }),
  }
}

function toRespondSpec(respond: NonNullable<RawRule['respond']>): RespondSpec {
  const { headers, delay, ...rest } = respond
  return {
    ...rest,
    ...(headers === undefined ? {} : { headers: toHeaders(headers) }),
    ...(delay === undefined ? {} : { delay: toDelaySpec(delay) }),
  }
}

function toDelaySpec(delay: RawDuration | RawDistribution): DelaySpec {
  if (typeof delay !== 'object') return { kind: 'fixed', ms: parseDuration(delay) }
  // checkScenario has made sure both keys of one kind are there.
  const ms = (value: RawDuration | undefined) => parseDuration(value ?? 0)
  return delay.min === undefined
    ? { kind: 'normal', meanMs: ms(delay.mean), stddevMs: ms(delay.stddev) }
    : { kind: 'uniform', minMs: ms(delay.min), maxMs: ms(delay.max) }
}

// Numbers become text (`x-version: 2` means the value "2"); true and false stay as they are.
function toValues(values: RawValues, rename: (name: string) => string) {
  return Object.fromEntries(
    Object.entries(values).map(([name, value]) => [
      rename(name),
      typeof value === 'number' ? String(value) : value,
    ]),
  )
}

function toHeaders(headers: Readonly<Record<string, string | number>>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, String(value)]))
}

function defaultName(file: string): string {
  return (file.split(/[\\/]/).pop() ?? file).replace(/^builtin:/, '').replace(/\.ya?ml$/, '')
}

/** `name: x` in a file named y.yaml: loaded as y, said at the `name:` line. */
function nameWarning(written: string, name: string, text: string, file: string): FileIssue {
  const lines = text.split('\n')
  const index = lines.findIndex((line) => /^name\s*:/.test(line))
  const line = index === -1 ? 1 : index + 1
  const column = index === -1 ? 1 : (lines[index]?.indexOf(':') ?? 0) + 3
  const message = `warning: name "${written}" differs from the file name; the scenario is known as "${name}" everywhere (rename the file to call it "${written}")`
  return { file, line, column, message }
}

function getValidator(): ValidateFunction<ScenarioDefinition> {
  if (validator === undefined) {
    const schema: unknown = JSON.parse(readFileSync(SCHEMA_URL, 'utf8'))
    // verbose: errors carry the offending value and schema, for "got …" and "did you mean …".
    validator = createAjv({ verbose: true }).compile<ScenarioDefinition>(schema as object)
  }
  return validator
}
