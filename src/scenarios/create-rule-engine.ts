import type { Clock } from '../clock/clock.js'
import { compileRules, type RequestFacts } from './compile-rules.js'
import type { Decision } from './decision.js'
import { type ActiveRule, createRuleState, fireRule } from './fire-rule.js'
import { splitPath } from './match-path.js'
import { indexRules } from './rule-index.js'
import type { Scenario } from './scenario-spec.js'

export type { RequestFacts, RuleRef } from './compile-rules.js'
export type { Decision } from './decision.js'

export interface RuleEngine {
  /** Decides what to do with one request, counting it for every rule it meets on the way. */
  decide(request: RequestFacts): Decision
  /** Counters, sequences, windows and random streams start over (reset, or re-activation). */
  reset(): void
}

export interface RuleEngineOptions {
  /** Where windows and `reset` periods read the time. */
  readonly clock: Clock
  /** Seeds every random draw (probabilities and delays): the `--seed`. */
  readonly seed: number
  /** Most keys a rule counts for at once (per token, ip or route); default 10,000. */
  readonly maxCounterKeys?: number
}

const PASS: Decision = { kind: 'pass' }

type DelayDecision = Extract<Decision, { kind: 'delay' }>

/**
 * Creates the engine that applies scenarios' rules to requests. Everything is compiled here,
 * once; `decide` parses nothing and, through a trie of path segments per method, only meets the
 * rules whose method and path pattern fit the request.
 *
 * **Order.** Scenarios are layered: a later scenario's rules are tried before an earlier one's;
 * within a scenario, rules in file order. The first rule that matches *and fires* with an answer
 * or a fault decides. A rule that matches but does not fire (its `times` used up, outside its
 * window, an unlucky draw, a `pass` step) lets the next rule try. So does a rule with only a delay:
 * the first such delay is added to the answer of a rule below, or, when none answers, the request
 * gets its natural answer that late — so `flaky` layered over `notfound` keeps notfound's 404s.
 *
 * **Matching** (`match`, all given parts must hold): `method` one or a list (absent = any);
 * `path` pattern with literal segments, `:name` and `*` (one non-empty segment), `**` (last: the
 * rest, zero or more segments), exact segments, no trailing-slash tolerance; `headers` name →
 * exact value, `true` (present) or `false` (absent); `query` the same, a value matching any of a
 * repeated parameter's values; `token` exact.
 *
 * **Firing** (`when`, all given conditions must hold; none = always). Counters count a rule's
 * matches inside its window — per rule, and `per: global | token | ip | route` (route = method
 * and concrete path, `GET /tasks/1` apart from `GET /tasks/2`; requests without a token share one
 * count). `times: N` fires on matches 1…N; `after: N` on N+1 onwards; `every: N` on N, 2N, 3N…;
 * `sequence: [503, 503, pass]` gives match k step k — a status (over `respond.status`), or `pass`
 * (does not fire) — and past the end does not fire; `probability: p` fires when a draw is below
 * p, one draw per match in the window. `window: { from, until }` makes the rule active only from
 * `from` (inclusive) until `until` (exclusive) after activation; outside it the rule neither
 * counts nor draws. `reset: 60s` starts the counters over every period, measured from activation.
 *
 * **Answer.** `fault` → a fault decision; else a status (from `respond.status` or the step) or a
 * `body` (status 200) → respond; else (only a delay) → delay, then the natural answer. Delays:
 * fixed, `{ min, max }` uniform, `{ mean, stddev }` normal clamped at 0, in whole ms.
 *
 * **Determinism.** Each rule draws from its own streams, seeded from `seed` and the rule's place
 * (scenario name, rule index): the same seed and the same requests give the same decisions, and
 * other rules' draws never shift a rule's own. A request answered by a rule above (a delay alone
 * is no answer) never reaches the rules below: they neither count it nor draw for it. Activation is the engine's creation or
 * the last `reset()`, which also restarts counters and streams.
 *
 * @throws RangeError on a malformed path pattern, a seed that is not a finite number, or a bad
 * `maxCounterKeys`.
 * @example
 * const engine = createRuleEngine([checkoutFailures], { clock: systemClock, seed: 42 })
 * engine.decide(postTasks) // { kind: 'respond', status: 503, delayMs: 0, rule: { scenario: 'checkout-failures', index: 0 } }
 * engine.decide(postTasks) // the same: times: 2
 * engine.decide(postTasks) // { kind: 'pass' }
 */
export function createRuleEngine(
  scenarios: readonly Scenario[],
  options: RuleEngineOptions,
): RuleEngine {
  const { clock, seed, maxCounterKeys } = options
  if (!Number.isFinite(seed)) throw new RangeError(`A seed is a finite number; got ${seed}`)
  const rules: ActiveRule[] = compileRules(scenarios).map((rule) => ({
    ...rule,
    state: createRuleState(rule.key, seed, maxCounterKeys),
  }))
  const index = indexRules(rules)
  let activatedAt = clock.now()
  return {
    decide(request) {
      const elapsedMs = clock.now() - activatedAt
      let delay: DelayDecision | undefined
      const { canonicalPath } = request
      // Built-in scenarios' rules see an API model's routes as the mock's own (`/:resource/:id`).
      const only = (builtin: boolean | undefined) => (rule: ActiveRule) => {
        if (builtin !== undefined && rule.builtin !== builtin) return undefined
        // The index has matched method and path; only the other checks are left.
        if (rule.matchesRest !== undefined && !rule.matchesRest(request)) return undefined
        const fired = fireRule(rule, request, elapsedMs)
        if (fired?.kind !== 'delay') return fired
        // A delay alone answers nothing: the rules below may still answer, after that delay.
        delay ??= fired
        return undefined
      }
      const decision =
        canonicalPath === undefined
          ? index.find(request.method, splitPath(request.path), only(undefined))
          : (index.find(request.method, splitPath(request.path), only(false)) ??
            index.find(request.method, splitPath(canonicalPath), only(true)))
      if (decision === undefined) return delay ?? PASS
      if (delay === undefined || decision.kind === 'pass') return decision
      const headers = delay.headers && { headers: { ...decision.headers, ...delay.headers } }
      return { ...decision, ...headers, delayMs: decision.delayMs + delay.ms }
    },
    reset() {
      activatedAt = clock.now()
      for (const rule of rules) rule.state.reset()
    },
  }
}
