import { type Clock, systemClock } from './clock/clock.js'
import { readConfig } from './config/load-config.js'
import type { MockApiConfig } from './config/parse-config.js'
import type { CorsOption } from './http/cors.js'
import type { RequestLogEntry } from './http/log-requests.js'
import { BUILTIN_RESOURCES } from './resources/builtin-resources.js'
import type { ResourceSpec } from './resources/resource-spec.js'

/** Options of `createMockApi`. Every one is optional; defaults are resolved in `resolveOptions`. */
export interface MockApiOptions {
  /** Seed of the generated data: the same seed gives the same records, byte for byte. Default 1. */
  readonly seed?: number
  /** Records per resource. Default 50. */
  readonly count?: number
  /** A config file's path (YAML, see the README) or a parsed config, adding or replacing resources. */
  readonly config?: string | MockApiConfig
  /** Which browser origins may call the mock; `true` (default) allows any, `false` sends no CORS headers. */
  readonly cors?: CorsOption
  /** Where time comes from. Default: the system clock. */
  readonly clock?: Clock
  /** Called once per finished request, for logging. */
  readonly onRequest?: (entry: RequestLogEntry) => void
  /** Called with any error that is not one of the contract's answers (the request got a 500). */
  readonly onUnexpectedError?: (error: unknown) => void
}

export const DEFAULT_SEED = 1
export const DEFAULT_COUNT = 50

export interface ResolvedOptions {
  readonly seed: number
  readonly count: number
  readonly resources: readonly ResourceSpec[]
  readonly cors: CorsOption
  readonly clock: Clock
  readonly onRequest: ((entry: RequestLogEntry) => void) | undefined
  readonly onUnexpectedError: ((error: unknown) => void) | undefined
}

/** Every default in one place: explicit options beat the config file, which beats the defaults. */
export function resolveOptions(options: MockApiOptions = {}): ResolvedOptions {
  const config = typeof options.config === 'string' ? readConfig(options.config) : options.config
  return {
    seed: options.seed ?? config?.seed ?? DEFAULT_SEED,
    count: options.count ?? config?.count ?? DEFAULT_COUNT,
    resources: mergeResources(config),
    cors: options.cors ?? true,
    clock: options.clock ?? systemClock,
    onRequest: options.onRequest,
    onUnexpectedError: options.onUnexpectedError,
  }
}

/** Config resources replace built-ins of the same name in place and are appended otherwise. */
function mergeResources(config: MockApiConfig | undefined): readonly ResourceSpec[] {
  if (!config) return BUILTIN_RESOURCES
  const own = new Map(config.resources.map((r) => [r.name, r]))
  const base = config.builtins ? BUILTIN_RESOURCES.map((r) => own.get(r.name) ?? r) : []
  const added = config.resources.filter((r) => !base.includes(r))
  return [...base, ...added]
}
