/**
 * A seeded generator of numbers in [0, 1): mulberry32, small, fast and well known. The same seed
 * gives the same sequence on every platform; the seed is taken as a 32-bit unsigned integer
 * (fractions dropped, so `1.5` and `1` are the same seed).
 *
 * @throws RangeError when the seed is not a finite number.
 * @example
 * const random = createRandom(42)
 * random() // 0.6011037519201636, and the same first value for seed 42 every time
 */
export function createRandom(seed: number): () => number {
  if (!Number.isFinite(seed)) throw new RangeError(`A seed is a finite number; got ${seed}`)
  let state = seed >>> 0
  return function nextRandom() {
    state = (state + 0x6d2b79f5) | 0
    let t = Math.imul(state ^ (state >>> 15), 1 | state)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296
  }
}

/**
 * A seed for one named stream of a seeded instance (FNV-1a of the label, mixed with the seed and
 * finished with murmur3's avalanche), so each rule draws from its own stream and adding a rule
 * does not change the draws of the others.
 *
 * @example
 * createRandom(deriveSeed(42, 'flaky#0/1:chance'))
 */
export function deriveSeed(seed: number, label: string): number {
  let hash = (0x811c9dc5 ^ (seed >>> 0)) >>> 0
  for (let i = 0; i < label.length; i++) {
    hash = Math.imul(hash ^ label.charCodeAt(i), 0x01000193)
  }
  hash ^= hash >>> 16
  hash = Math.imul(hash, 0x85ebca6b)
  hash ^= hash >>> 13
  hash = Math.imul(hash, 0xc2b2ae35)
  hash ^= hash >>> 16
  return hash >>> 0
}
