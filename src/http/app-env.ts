import type { HttpBindings } from '@hono/node-server'
import type { TokenSpec } from '../auth/token-spec.js'
import type { RuleRef } from '../scenarios/compile-rules.js'
import type { Fault } from '../scenarios/scenario-spec.js'

/** What the pipeline's stages hand to later ones. */
export interface AppVariables {
  /** The request's valid token, set by `authenticate`; absent when authentication is off. */
  token: TokenSpec | undefined
  /** Headers for the final response, added by `addHeaders` (see `respond`). */
  headers: Record<string, string> | undefined
  /** The scenario rule that answered or delayed the request, set by `injectScenarios`. */
  rule: RuleRef | undefined
  /** True when that rule only delayed the natural answer, set by `injectScenarios`. */
  delayed: boolean | undefined
  /** The network fault the rule acted out, set by `injectScenarios`. */
  fault: Fault | undefined
}

/** Bindings are the Node request/response when served on a socket, absent in-process. */
export interface AppEnv {
  Bindings: Partial<HttpBindings>
  Variables: AppVariables
}
