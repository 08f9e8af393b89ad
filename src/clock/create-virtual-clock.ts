import type { Clock } from './clock.js'
import { parseDuration } from './parse-duration.js'

/** A clock that tests can move forward instead of sleeping. */
export interface VirtualClock extends Clock {
  /** Moves time forward: `'61s'`, `'5m'`, or milliseconds. @throws RangeError when malformed. */
  advance(by: string | number): void
  /** Back to the base clock's time. */
  reset(): void
  /** How far `advance` has moved time, in ms. */
  readonly offsetMs: number
}

/**
 * The base clock plus whatever `advance` added: every window, period and stamp that reads it sees
 * the moved time, and `reset` takes it back.
 *
 * @example
 * const clock = createVirtualClock(systemClock)
 * clock.advance('61s')
 * clock.now() - Date.now() // ≈ 61000
 */
export function createVirtualClock(base: Clock): VirtualClock {
  let offsetMs = 0
  return {
    now: () => base.now() + offsetMs,
    advance(by) {
      offsetMs += parseAdvance(by)
    },
    reset() {
      offsetMs = 0
    },
    get offsetMs() {
      return offsetMs
    },
  }
}

function parseAdvance(by: string | number): number {
  try {
    return parseDuration(by)
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error)
    throw new RangeError(`advanceClock: ${reason}`)
  }
}
