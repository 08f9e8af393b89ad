import type { Clock } from '../clock/clock.js'
import { parseRateLimit, type RateLimitPolicy } from '../limits/parse-rate-limit.js'
import { createRuleEngine, type RuleEngine } from './create-rule-engine.js'
import type { Scenario } from './scenario-spec.js'

/** The scenarios in force, compiled, with the settings they impose. */
export interface ActiveScenarios {
  readonly scenarios: readonly Scenario[]
  /** Undefined when no scenario has rules: requests then skip the engine. */
  readonly engine: RuleEngine | undefined
  /** The limit a scenario sets (the last that sets one wins); undefined when none does. */
  readonly rateLimit: RateLimitPolicy | false | undefined
  readonly maintenance: boolean
}

/**
 * Compiles scenarios for use: one rule engine over all of them (none when no scenario has rules,
 * so requests skip it), and the settings they impose, a later scenario's over an earlier one's.
 *
 * @example
 * activate([ratelimit], { clock, seed: 1 }) // { engine: undefined, rateLimit: { limit: 10, … }, … }
 */
export function activate(
  scenarios: readonly Scenario[],
  options: { readonly clock: Clock; readonly seed: number },
): ActiveScenarios {
  let rateLimit: RateLimitPolicy | false | undefined
  let maintenance = false
  for (const { settings } of scenarios) {
    if (settings?.rateLimit !== undefined) rateLimit = parseRateLimit(settings.rateLimit)
    if (settings?.maintenance !== undefined) maintenance = settings.maintenance
  }
  const hasRules = scenarios.some((scenario) => scenario.rules.length > 0)
  const engine = hasRules ? createRuleEngine(scenarios, options) : undefined
  return { scenarios, engine, rateLimit, maintenance }
}
