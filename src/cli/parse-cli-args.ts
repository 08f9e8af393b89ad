import { isIP } from 'node:net'
import { parseArgs } from 'node:util'
import type { ConductRule } from '../conduct/conduct-rules.js'
import { UsageError } from '../errors/usage-error.js'
import { MAX_RETRY_AFTER_SECONDS } from '../limits/create-rate-limiter.js'
import type { RateLimitPolicy } from '../limits/parse-rate-limit.js'

import {
  basePath,
  byteSize,
  duration,
  hostList,
  integer,
  origins,
  rateLimit,
  reportFile,
  ruleList,
  scenarioList,
  text,
} from './read-flag-values.js'

/** What the command line asks for. */
export type CliCommand =
  | { readonly kind: 'help' }
  | { readonly kind: 'version' }
  | { readonly kind: 'check'; readonly files: readonly string[] }
  | { readonly kind: 'scenarios'; readonly scenariosDir: string | undefined }
  | ({ readonly kind: 'serve' } & ServeFlags)
  | ({ readonly kind: 'openapi'; readonly format: 'json' | 'yaml' } & ServeFlags)
  | ({ readonly kind: 'print-config' } & ServeFlags)

export interface ServeFlags {
  readonly port: number
  readonly host: string
  readonly seed: number | undefined
  readonly count: number | undefined
  readonly config: string | undefined
  readonly cors: boolean | readonly string[]
  readonly auth: boolean | undefined
  readonly rateLimit: RateLimitPolicy | false | undefined
  readonly maintenance: boolean | undefined
  readonly maxInflight: number | undefined
  /** Scenario names or files, in layering order. */
  readonly scenarios: readonly string[]
  readonly scenariosDir: string | undefined
  readonly prefer: boolean | undefined
  readonly adminToken: string | undefined
  readonly journalSize: number | undefined
  readonly maxBodySize: number | undefined
  /** `Host` names served besides loopback and the bound address; `'*'` for any. */
  readonly allowedHosts: '*' | readonly string[] | undefined
  /** A file the URL is written to once listening (and removed on stop). */
  readonly urlFile: string | undefined
  readonly retryAfter: number | undefined
  readonly requireIfMatch: boolean | undefined
  readonly maxMemory: number | undefined
  readonly maxEventListeners: number | undefined
  readonly openapi: string | undefined
  readonly basePath: string | undefined
  readonly quiet: boolean
  readonly readyJson: boolean
  /** Where the conduct report is written on stop: `.json`, `.md` or `.html`. */
  readonly report: string | undefined
  readonly conductIgnore: readonly ConductRule[]
  /** ms */
  readonly hangLimit: number | undefined
  readonly retryStorm: number | undefined
  /** A json-server data file to serve (`mockapi db.json`, `--db`). */
  readonly db: string | undefined
  /** Write changes back to the data file. */
  readonly persist: boolean | undefined
}

/** Each flag and the environment variable that mirrors it (a flag wins over its variable). */
export const FLAGS = {
  port: { type: 'string', short: 'p', env: 'MOCKAPI_PORT' },
  host: { type: 'string', env: 'MOCKAPI_HOST' },
  seed: { type: 'string', env: 'MOCKAPI_SEED' },
  count: { type: 'string', env: 'MOCKAPI_COUNT' },
  config: { type: 'string', short: 'c', env: 'MOCKAPI_CONFIG' },
  cors: { type: 'string', env: 'MOCKAPI_CORS' },
  'no-cors': { type: 'boolean', env: 'MOCKAPI_NO_CORS' },
  auth: { type: 'boolean', env: 'MOCKAPI_AUTH' },
  'no-auth': { type: 'boolean', env: undefined },
  'rate-limit': { type: 'string', env: 'MOCKAPI_RATE_LIMIT' },
  maintenance: { type: 'boolean', env: 'MOCKAPI_MAINTENANCE' },
  'max-inflight': { type: 'string', env: 'MOCKAPI_MAX_INFLIGHT' },
  scenario: { type: 'string', short: 's', multiple: true, env: 'MOCKAPI_SCENARIO' },
  'scenarios-dir': { type: 'string', env: 'MOCKAPI_SCENARIOS_DIR' },
  'no-prefer': { type: 'boolean', env: 'MOCKAPI_NO_PREFER' },
  'admin-token': { type: 'string', env: 'MOCKAPI_ADMIN_TOKEN' },
  'journal-size': { type: 'string', env: 'MOCKAPI_JOURNAL_SIZE' },
  'max-body-size': { type: 'string', env: 'MOCKAPI_MAX_BODY_SIZE' },
  'allowed-hosts': { type: 'string', env: 'MOCKAPI_ALLOWED_HOSTS' },
  'url-file': { type: 'string', env: 'MOCKAPI_URL_FILE' },
  report: { type: 'string', env: 'MOCKAPI_REPORT' },
  'conduct-ignore': { type: 'string', env: 'MOCKAPI_CONDUCT_IGNORE' },
  'hang-limit': { type: 'string', env: 'MOCKAPI_HANG_LIMIT' },
  'retry-storm': { type: 'string', env: 'MOCKAPI_RETRY_STORM' },
  'retry-after': { type: 'string', env: 'MOCKAPI_RETRY_AFTER' },
  'require-if-match': { type: 'boolean', env: 'MOCKAPI_REQUIRE_IF_MATCH' },
  'max-memory': { type: 'string', env: 'MOCKAPI_MAX_MEMORY' },
  'max-event-listeners': { type: 'string', env: 'MOCKAPI_MAX_EVENT_LISTENERS' },
  openapi: { type: 'string', env: 'MOCKAPI_OPENAPI' },
  'base-path': { type: 'string', env: 'MOCKAPI_BASE_PATH' },
  quiet: { type: 'boolean', short: 'q', env: 'MOCKAPI_QUIET' },
  'ready-json': { type: 'boolean', env: 'MOCKAPI_READY_JSON' },
  db: { type: 'string', env: 'MOCKAPI_DB' },
  persist: { type: 'boolean', env: 'MOCKAPI_PERSIST' },
  'print-config': { type: 'boolean', env: undefined },
  format: { type: 'string', env: undefined },
  help: { type: 'boolean', short: 'h', env: undefined },
  version: { type: 'boolean', short: 'v', env: undefined },
} as const

type Env = Readonly<Record<string, string | undefined>>

/** Reads argv (without `node` and the script) and the environment; throws `UsageError` when wrong. */
export function parseCliArgs(argv: readonly string[], env: Env = {}): CliCommand {
  const { values, positionals } = parseStrict(argv)
  if (values.help) return { kind: 'help' }
  if (values.version) return { kind: 'version' }
  // `mockapi db.json`: a json-server data file in the place of a command.
  const dbFile = isDbFile(positionals) ? positionals[0] : undefined
  const [command, ...rest] = dbFile === undefined ? positionals : []
  if (command === 'check') {
    if (rest.length === 0)
      throw new UsageError('check needs at least one file: mockapi check FILE…')
    return { kind: 'check', files: rest }
  }
  const pick = (name: Exclude<keyof typeof FLAGS, 'scenario'>): string | boolean | undefined => {
    const flagEnv = FLAGS[name].env
    return values[name] ?? (flagEnv === undefined ? undefined : fromEnv(env[flagEnv], name))
  }
  // A message names what the user typed: the flag, or the variable when the value came from it.
  const said = (name: keyof typeof FLAGS): string =>
    values[name] === undefined ? (FLAGS[name].env ?? `--${name}`) : `--${name}`
  const scenariosDir = text(pick('scenarios-dir'), said('scenarios-dir'))
  if (command === 'scenarios' && rest.length === 0) return { kind: 'scenarios', scenariosDir }
  if (command !== undefined && (command !== 'openapi' || rest.length > 0)) {
    const extra = command === 'scenarios' ? `"scenarios ${rest.join(' ')}"` : `"${command}"`
    throw new UsageError(
      `unknown command ${extra}. Commands: check FILE…, scenarios, openapi. Try mockapi --help.`,
    )
  }
  const format = pick('format')
  if (format !== undefined && command !== 'openapi') {
    throw new UsageError('--format applies only to mockapi openapi. Try mockapi --help.')
  }
  if (format !== undefined && format !== 'json' && format !== 'yaml') {
    throw new UsageError(`--format must be json or yaml, got "${String(format)}".`)
  }
  const flags = dbFlags(
    serveFlags(pick, said, values.scenario as string[] | undefined, env, scenariosDir),
    dbFile,
  )
  if (values['print-config'] === true) {
    if (flags.db === undefined)
      throw new UsageError('--print-config needs a data file: mockapi db.json --print-config.')
    return { kind: 'print-config', ...flags }
  }
  if (command === 'openapi') return { kind: 'openapi', format: format ?? 'json', ...flags }
  return { kind: 'serve', ...flags }
}

function serveFlags(
  pick: (name: Exclude<keyof typeof FLAGS, 'scenario'>) => string | boolean | undefined,
  said: (name: keyof typeof FLAGS) => string,
  scenarioFlags: string[] | undefined,
  env: Env,
  scenariosDir: string | undefined,
): ServeFlags {
  return {
    port: integer(pick('port'), said('port'), 0, 65_535) ?? 4000,
    host: text(pick('host') ?? containerHost(env.HOST), said('host')) ?? '127.0.0.1',
    seed: integer(pick('seed'), said('seed'), 0, Number.MAX_SAFE_INTEGER),
    count: integer(pick('count'), said('count'), 0, 1_000_000),
    config: text(pick('config'), said('config')),
    cors: pick('no-cors') === true ? false : origins(pick('cors')),
    auth: pick('no-auth') === true ? false : (pick('auth') as boolean | undefined),
    rateLimit: rateLimit(pick('rate-limit'), said('rate-limit')),
    maintenance: pick('maintenance') as boolean | undefined,
    maxInflight: integer(pick('max-inflight'), said('max-inflight'), 1, 1_000_000),
    // `multiple: true`: always a list when given.
    scenarios: scenarioList(scenarioFlags, env.MOCKAPI_SCENARIO),
    scenariosDir,
    prefer: pick('no-prefer') === true ? false : undefined,
    adminToken: text(pick('admin-token'), said('admin-token')),
    journalSize: integer(pick('journal-size'), said('journal-size'), 0, 1_000_000),
    maxBodySize: byteSize(pick('max-body-size'), said('max-body-size')),
    allowedHosts: hostList(pick('allowed-hosts')),
    urlFile: text(pick('url-file'), said('url-file')),
    retryAfter: integer(pick('retry-after'), said('retry-after'), 0, MAX_RETRY_AFTER_SECONDS),
    requireIfMatch: pick('require-if-match') as boolean | undefined,
    maxMemory: byteSize(pick('max-memory'), said('max-memory')),
    maxEventListeners: integer(pick('max-event-listeners'), said('max-event-listeners'), 1, 10_000),
    openapi: text(pick('openapi'), said('openapi')),
    basePath: basePath(pick('base-path')),
    quiet: pick('quiet') === true,
    readyJson: pick('ready-json') === true,
    report: reportFile(text(pick('report'), said('report')), said('report')),
    conductIgnore: ruleList(pick('conduct-ignore'), said('conduct-ignore')),
    hangLimit: duration(pick('hang-limit'), said('hang-limit')),
    retryStorm: integer(pick('retry-storm'), said('retry-storm'), 1, 1_000_000),
    db: text(pick('db'), said('db')),
    persist: pick('persist') as boolean | undefined,
  }
}

/** A lone `*.json` positional names the data file; `--db` and the positional must not disagree. */
function isDbFile(positionals: readonly string[]): boolean {
  return positionals.length === 1 && /\.json$/i.test(positionals[0] ?? '')
}

function dbFlags(flags: ServeFlags, positional: string | undefined): ServeFlags {
  if (positional !== undefined && flags.db !== undefined && flags.db !== positional) {
    throw new UsageError(`two data files given: ${positional} and --db ${flags.db}. Give one.`)
  }
  const db = positional ?? flags.db
  if (flags.persist === true && db === undefined) {
    throw new UsageError('--persist needs a data file to write: mockapi db.json --persist.')
  }
  return { ...flags, db }
}

function parseStrict(argv: readonly string[]) {
  const options = Object.fromEntries(
    Object.entries(FLAGS).map(([name, { type, ...rest }]) => [
      name,
      {
        type,
        ...('short' in rest ? { short: rest.short } : {}),
        ...('multiple' in rest ? { multiple: rest.multiple } : {}),
      },
    ]),
  ) as unknown as {
    [K in keyof typeof FLAGS]: {
      type: (typeof FLAGS)[K]['type']
      short?: string
      multiple?: (typeof FLAGS)[K] extends { multiple: true } ? true : false
    }
  }
  try {
    return parseArgs({ args: joinDashValues(argv), options, allowPositionals: true, strict: true })
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    const first = (message.split('\n')[0] ?? message).replace(/\. To specify .*$|\.$/, '')
    throw new UsageError(`${first}. Try mockapi --help.`)
  }
}

// `--count -1` reads as a value that starts with a dash; joining it (`--count=-1`) lets the value
// check explain what is wrong with it instead of a parser message about ambiguity.
function joinDashValues(argv: readonly string[]): string[] {
  const args: string[] = []
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? ''
    const next = argv[i + 1]
    const name = arg.startsWith('--') ? arg.slice(2) : undefined
    const isStringFlag =
      name !== undefined &&
      Object.hasOwn(FLAGS, name) &&
      FLAGS[name as keyof typeof FLAGS].type === 'string'
    if (isStringFlag && next !== undefined && /^-\d/.test(next)) {
      args.push(`${arg}=${next}`)
      i++
    } else args.push(arg)
  }
  return args
}

// Boolean variables accept 1/true/yes and 0/false/no; anything else is a usage error.
/**
 * `HOST` is the container convention (the Docker image sets HOST=0.0.0.0); MOCKAPI_HOST wins. Only
 * an IP address counts: some shells (tcsh) export HOST as the machine's name, and `npx mockapi`
 * must not leave loopback because of that.
 */
function containerHost(value: string | undefined): string | undefined {
  return value !== undefined && isIP(value) !== 0 ? value : undefined
}

function fromEnv(
  value: string | undefined,
  name: keyof typeof FLAGS,
): string | boolean | undefined {
  if (value === undefined || value === '') return undefined
  if (FLAGS[name].type === 'string') return value
  if (/^(1|true|yes)$/i.test(value)) return true
  if (/^(0|false|no)$/i.test(value)) return false
  throw new UsageError(`${FLAGS[name].env} must be true or false, got "${value}".`)
}
