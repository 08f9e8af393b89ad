import type { CompiledRule, CompiledWhen, RequestFacts } from './compile-rules.js'
import { createMatchCounter } from './count-matches.js'
import type { Decision } from './decision.js'
import { drawDelay } from './draw-delay.js'
import { createRandom, deriveSeed } from './seeded-random.js'

/** A rule's mutable state: its match counter and its own random streams. */
export interface RuleState {
  /** Counts one match for `key` in `period`; returns the count, from 1. */
  count(key: string, period: number): number
  /** The next draw for `probability`. */
  chance(): number
  /** The next draw for a `uniform` or `normal` delay. */
  delay(): number
  /** Forgets the counts and restarts both streams from their seeds. */
  reset(): void
}

/** A compiled rule with its state, as the engine holds it. */
export interface ActiveRule extends CompiledRule {
  readonly state: RuleState
}

/**
 * Creates a rule's state. The rule draws from two streams of its own, seeded from the engine's
 * seed and the rule's key, so other rules' draws — and this rule's delay draws — never shift the
 * draws that decide whether it fires.
 *
 * @example
 * const state = createRuleState('flaky#0/0', 42)
 * state.count('', 0) // 1
 */
export function createRuleState(key: string, seed: number, maxCounterKeys?: number): RuleState {
  const counter = createMatchCounter(maxCounterKeys)
  const seedChance = deriveSeed(seed, `${key}:chance`)
  const seedDelay = deriveSeed(seed, `${key}:delay`)
  let chance = createRandom(seedChance)
  let delay = createRandom(seedDelay)
  return {
    count: (counterKey, period) => counter.next(counterKey, period),
    chance: () => chance(),
    delay: () => delay(),
    reset() {
      counter.clear()
      chance = createRandom(seedChance)
      delay = createRandom(seedDelay)
    },
  }
}

/**
 * Tries a rule on a request its `match` has accepted, `elapsedMs` after activation: `undefined`
 * when it does not fire (outside its window, unlucky, or its counts say no), else what to do.
 * A match inside the window is counted and, with `probability`, draws once — whether or not the
 * other conditions hold — so outcomes depend only on the sequence of matches.
 *
 * @example
 * fireRule(rule, request, 12_000) // { kind: 'respond', status: 503, delayMs: 0, rule: { … } }
 */
export function fireRule(
  rule: ActiveRule,
  request: RequestFacts,
  elapsedMs: number,
): Decision | undefined {
  const { when, state } = rule
  if (elapsedMs < when.fromMs || elapsedMs >= when.untilMs) return undefined
  const lucky = when.probability === undefined || state.chance() < when.probability
  const firesOnCount = when.firesOnCount
  const count =
    firesOnCount === undefined
      ? 0
      : state.count(counterKey(when, request), periodOf(when, elapsedMs))
  if (!lucky || (firesOnCount !== undefined && !firesOnCount(count))) return undefined
  const step = when.sequence?.[count - 1]
  const status = typeof step === 'number' ? step : rule.respond.status
  return answer(rule, status, drawDelay(rule.respond.delay, state.delay))
}

function counterKey(when: CompiledWhen, request: RequestFacts): string {
  switch (when.per) {
    case 'global':
      return ''
    case 'token':
      // Requests without a token share one count.
      return request.token ?? ''
    case 'ip':
      return request.ip
    case 'route':
      return `${request.method} ${request.path}`
  }
}

function periodOf(when: CompiledWhen, elapsedMs: number): number {
  return when.resetEveryMs === undefined ? 0 : Math.floor(elapsedMs / when.resetEveryMs)
}

function answer(rule: ActiveRule, status: number | undefined, delayMs: number): Decision {
  const { respond, ref } = rule
  const overrides = {
    ...(respond.body === undefined ? {} : { body: respond.body }),
    ...(respond.headers === undefined ? {} : { headers: respond.headers }),
  }
  if (respond.fault !== undefined) {
    const withStatus = status === undefined ? {} : { status }
    return { kind: 'fault', fault: respond.fault, ...withStatus, ...overrides, delayMs, rule: ref }
  }
  if (status === undefined && respond.body === undefined) {
    // Headers alone (or with a delay) go onto whatever answers: an injected or natural answer.
    return { kind: 'delay', ms: delayMs, rule: ref, ...overrides }
  }
  return { kind: 'respond', status: status ?? 200, ...overrides, delayMs, rule: ref }
}
