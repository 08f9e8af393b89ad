import type { DelaySpec } from './scenario-spec.js'

/**
 * A delay in whole milliseconds: `fixed` as given (no draw), `uniform` between `minMs` and
 * `maxMs` inclusive (one draw), `normal` around `meanMs` with `stddevMs` by Box–Muller, clamped
 * at 0 (two draws). No spec, no delay.
 *
 * @example
 * drawDelay({ kind: 'uniform', minMs: 300, maxMs: 1500 }, createRandom(1)) // 300…1500
 * drawDelay(undefined, createRandom(1)) // 0
 */
export function drawDelay(spec: DelaySpec | undefined, random: () => number): number {
  if (spec === undefined) return 0
  switch (spec.kind) {
    case 'fixed':
      return spec.ms
    case 'uniform':
      return Math.round(spec.minMs + random() * (spec.maxMs - spec.minMs))
    case 'normal': {
      // 1 - random() is in (0, 1], so the logarithm is finite.
      const radius = Math.sqrt(-2 * Math.log(1 - random()))
      const gaussian = radius * Math.cos(2 * Math.PI * random())
      return Math.max(0, Math.round(spec.meanMs + spec.stddevMs * gaussian))
    }
  }
}
