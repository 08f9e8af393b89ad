import { Agent, type ClientRequest } from 'node:http'
import { vi } from 'vitest'
import type { RunningMockApi, StartMockApiOptions } from '../src/index.js'
import { startMockApi } from '../src/index.js'

// Real timers, kept before any test fakes them: I/O needs real time to pass.
const realSetTimeout = globalThis.setTimeout
const realSleep = (ms: number) => new Promise((resolve) => realSetTimeout(resolve, ms))

/** Requests a client has on the wire now, so virtual time moves only while none is. */
export interface Tracker {
  inFlight: number
  /**
   * Requests started plus requests ended, ever: it moves whenever the client makes progress, even
   * when one request ends and the next starts between two looks (`inFlight` stays at 1 then).
   */
  moves: number
  /** For fetch-based clients (ky, a fetch loop). */
  readonly fetch: typeof fetch
  /** For node:http-based clients (axios, got). */
  readonly agent: Agent
}

class TrackingAgent extends Agent {
  constructor(private readonly tracker: { inFlight: number; moves: number }) {
    super({ keepAlive: false })
  }
  addRequest(req: ClientRequest, options: object): void {
    this.tracker.inFlight += 1
    this.tracker.moves += 1
    req.once('close', () => {
      this.tracker.inFlight -= 1
      this.tracker.moves += 1
    })
    const base = Agent.prototype as unknown as { addRequest(r: ClientRequest, o: object): void }
    base.addRequest.call(this, req, options)
  }
}

function createTracker(): Tracker {
  const counts = { inFlight: 0, moves: 0 }
  const tracked: typeof fetch = async (input, init) => {
    counts.inFlight += 1
    counts.moves += 1
    try {
      return await fetch(input, init)
    } finally {
      counts.inFlight -= 1
      counts.moves += 1
    }
  }
  // One object: the agent and the wrapped fetch count into the tracker the runner reads.
  return Object.assign(counts, { fetch: tracked, agent: new TrackingAgent(counts) })
}

/**
 * Runs `client` against a fresh server with the client's timers and the server's clock faked
 * together: whenever nothing is on the wire (or a request has stalled, held by a `hang`), time
 * jumps to the client's next timer — so a 60 s Retry-After takes a few ms. Gives up on a client
 * still busy after `budgetMs` of virtual time (one with no timeout, stuck on a hang).
 */
export async function runClient(
  options: StartMockApiOptions,
  client: (url: string, tracker: Tracker) => Promise<unknown>,
  budgetMs = 3 * 60 * 60_000,
): Promise<{ api: RunningMockApi; rules: string[]; stuck: boolean }> {
  const api = await startMockApi({ port: 0, seed: 7, count: 5, ...options })
  const tracker = createTracker()
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'], now: Date.now() })
  let settled = false
  const done = client(api.url, tracker).then(
    () => undefined,
    () => undefined,
  )
  void done.finally(() => {
    settled = true
  })
  const start = Date.now()
  let seen = -1
  let quietSince = performance.now()
  try {
    while (!settled && Date.now() - start < budgetMs) {
      await realSleep(4)
      if (settled) break
      // Stalled means no request started or ended for a second of real time: a count of requests in
      // flight seen every few ms misses a request that ends just as the next starts, and would take
      // a client busy with quick requests back to back for a stalled one, and fire its timeouts.
      if (tracker.moves !== seen) {
        seen = tracker.moves
        quietSince = performance.now()
      }
      const stalled = performance.now() - quietSince > 1000
      if (tracker.inFlight > 0 && !stalled) continue
      if (vi.getTimerCount() > 0) await vi.advanceTimersToNextTimerAsync()
      else await vi.advanceTimersByTimeAsync(1000)
    }
  } finally {
    // The instance's clock keeps the time the client reached: real time plus the lead.
    const reached = Date.now()
    vi.useRealTimers()
    await api.advanceClock(Math.max(0, reached - Date.now()))
  }
  const rules = api.conduct().findings.map((f) => f.rule)
  return { api, rules, stuck: !settled }
}
