/** Where an instance reads the time. Injected so tests and users can move time instead of sleeping. */
export interface Clock {
  /** Milliseconds since the epoch, like `Date.now()`. */
  now(): number
}

/** The real time. */
export const systemClock: Clock = { now: () => Date.now() }
