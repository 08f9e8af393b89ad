/** Where an instance reads the time. Injected so tests and users can move time instead of sleeping. */
export interface Clock {
  /** Milliseconds since the epoch, like `Date.now()`. */
  now(): number
}

/** The real time. */
export const systemClock: Clock = { now: () => Date.now() }

/**
 * The time absolute header dates are written in (`X-RateLimit-Reset`, `Last-Modified`): the
 * clock before `advanceClock` moved it, as the `Date` header and the client's own clock are, so
 * `reset − now` on the client is the same wait as `Retry-After`.
 */
export function headerTime(clock: Clock): number {
  return clock.now() - clockOffset(clock)
}

/** How far `advanceClock` moved a virtual clock; 0 for any other clock. */
export function clockOffset(clock: Clock): number {
  const offset = (clock as { readonly offsetMs?: unknown }).offsetMs
  return typeof offset === 'number' ? offset : 0
}
