/**
 * mockapi's public API. Everything a test suite or a tool needs to run the mock in-process or on a
 * socket; anything not exported here is internal and may change.
 *
 * @example
 * ```ts
 * import { startMockApi } from '@mockapi-dev/mockapi'
 *
 * const api = await startMockApi({ port: 0, seed: 1 })
 * const res = await fetch(`${api.url}/users?per_page=5`)
 * await api.close()
 * ```
 * @module
 */
export type { Clock } from './clock/clock.js'
export { CONDUCT_RULES, type ConductRule, type Finding } from './conduct/conduct-rules.js'
export type { ConductReport, LabelledConductReport } from './conduct/create-conduct.js'
export type { CoverageRow } from './conduct/track-coverage.js'
export { loadConfig } from './config/load-config.js'
export type { MockApiConfig } from './config/parse-config.js'
export type { AuthInput, TokenInput } from './config/resolve-auth-option.js'
export { createMockApi } from './create-mock-api.js'
export { FileError, type FileIssue, isFileError } from './errors/file-error.js'
export type { AllowedHosts } from './http/check-host.js'
export type { CorsOption } from './http/cors.js'
export type { Problem } from './http/problem.js'
export type { JournalEntry, JournalFilter } from './journal/create-journal.js'
export type { RequestLogEntry } from './journal/log-requests.js'
export { type WaitOptions, WaitTimeoutError } from './journal/wait-for-entries.js'
export type { RateLimitStatus } from './limits/rate-limit-status.js'
export type { MockApi, MockApiSettings, OpenApiSummary, ResourceSummary } from './mock-api.js'
export {
  type LoadedOpenApi,
  loadOpenApi,
  type OpenApiDocument,
} from './openapi/load-openapi.js'
export type { ConductOptions, MockApiOptions, ScenarioInput } from './options.js'
export { BUILTIN_RESOURCES } from './resources/builtin-resources.js'
export type { FieldFormat, FieldSpec, FieldType, ResourceSpec } from './resources/resource-spec.js'
export type {
  Collection,
  Handler,
  HandlerContext,
  HandlerOptions,
} from './routes/custom-handlers.js'
export type { RuleRef } from './scenarios/compile-rules.js'
export type { ScenarioDefinition } from './scenarios/parse-scenario.js'
export type {
  DelaySpec,
  Fault,
  MatchSpec,
  RespondSpec,
  RuleSpec,
  Scenario,
  ScenarioSettings,
  WhenSpec,
} from './scenarios/scenario-spec.js'
export { type RunningMockApi, type StartMockApiOptions, startMockApi } from './start-mock-api.js'
