import type { RuleRef } from './compile-rules.js'
import type { Fault } from './scenario-spec.js'

/** What the engine tells the pipeline to do with one request. */
export type Decision =
  /** The natural answer: no rule fired. */
  | { readonly kind: 'pass' }
  /**
   * Wait `ms`, then the natural answer (a rule with only a delay); `headers` (a rule with only
   * headers) are added to whatever answers, over its own.
   */
  | {
      readonly kind: 'delay'
      readonly ms: number
      readonly rule: RuleRef
      readonly headers?: Readonly<Record<string, string>>
    }
  /** Wait `delayMs`, then answer `status` — the contract's body and headers unless overridden. */
  | {
      readonly kind: 'respond'
      readonly status: number
      readonly body?: unknown
      readonly headers?: Readonly<Record<string, string>>
      readonly delayMs: number
      readonly rule: RuleRef
    }
  /**
   * Wait `delayMs`, then the network fault. `status`, `body` and `headers` come with it when the
   * rule gives them, for the faults that send a response (`malformed`, `drip`).
   */
  | {
      readonly kind: 'fault'
      readonly fault: Fault
      readonly status?: number
      readonly body?: unknown
      readonly headers?: Readonly<Record<string, string>>
      readonly delayMs: number
      readonly rule: RuleRef
    }
