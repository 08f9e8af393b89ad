import {
  type ClientState,
  createClientState,
  join,
  MAX_IDS,
  type OpenFinding,
  type Raise,
} from './client-state.js'
import { conductClientKey } from './conduct-client-key.js'
import type { ConductEvent } from './conduct-event.js'
import type { ConductRule, Finding } from './conduct-rules.js'
import { FINDING_MESSAGES } from './finding-messages.js'
import { judgeHolds } from './judge-holds.js'
import { judgeRetries } from './judge-retries.js'
import { judgeTokens } from './judge-tokens.js'
import { judgeWrites } from './judge-writes.js'
import { type CoverageRow, createCoverage } from './track-coverage.js'

/** What `conduct()` and `GET /__mockapi/conduct` answer. */
export interface ConductReport {
  /** Oldest first. */
  readonly findings: readonly Finding[]
  readonly coverage: readonly CoverageRow[]
}

/** A conduct report and whose it is. */
export interface LabelledConductReport extends ConductReport {
  /** The `X-Mockapi-Session` id; `null` for the default instance. */
  readonly session: string | null
}

export interface ConductSettings {
  /** Rules switched off. */
  readonly ignore: ReadonlySet<ConductRule>
  /** A request held by `hang` this long (virtual ms) without the client aborting is a finding. */
  readonly hangLimitMs: number
  /** More attempts than this of one failed request is a `retry-storm`. */
  readonly stormAttempts: number
}

/** A request held by `hang` right now. */
export interface OpenHang {
  readonly at: number
  readonly method: string
  readonly target: string
  readonly token: string | undefined
  readonly address: string
}

export interface ConductJudge {
  judge(event: ConductEvent): void
  /**
   * Judges a success (no error, fault or abandon) from a client with nothing on record, which only
   * counts as coverage, without the event: true when that was all, false when `judge` must see it.
   */
  passed(method: string, path: string, status: number, late: boolean, client: ClientKey): boolean
  /** The findings and coverage now; `open` hangs held past the limit count as findings too. */
  report(now: number, open: readonly OpenHang[]): ConductReport
  clear(): void
}

/** Who sent a request: its token, else its address. */
export interface ClientKey {
  readonly token: string | undefined
  readonly address: string
}

/** Clients and findings held per instance: memory stays bounded however long it runs. */
const MAX_CLIENTS = 10_000
const MAX_FINDINGS = 1000

/**
 * The judge of one instance: each answered request updates its client's state in O(1) and may
 * open or grow a finding; coverage counts every request on a resource route.
 */
export function createConductJudge(
  settings: ConductSettings,
  session: string | undefined,
  isResource: (name: string) => boolean,
): ConductJudge {
  // By token, else by address: two maps, so finding a client needs no key built per request.
  const byToken = new Map<string, ClientState>()
  const byAddress = new Map<string, ClientState>()
  const findings: OpenFinding[] = []
  const coverage = createCoverage(isResource)
  const raise: Raise = (rule, state, at, ids, facts) => {
    if (settings.ignore.has(rule)) return undefined
    const client = conductClientKey(state.token, state.address)
    const finding = { rule, client, at, requests: ids.slice(0, MAX_IDS), facts }
    findings.push(finding)
    if (findings.length > MAX_FINDINGS) findings.shift()
    return finding
  }
  return {
    passed(method, path, status, late, { token, address }) {
      const known = token === undefined ? byAddress.has(address) : byToken.has(token)
      if (known) return false
      coverage.count(method, path, status, late)
      return true
    },
    judge(event) {
      coverage.add(event)
      const clients = event.token === undefined ? byAddress : byToken
      const key = event.token ?? event.address
      let state = clients.get(key)
      if (state === undefined) {
        if (!isNotable(event)) return
        if (clients.size >= MAX_CLIENTS) clients.delete(clients.keys().next().value as string)
        state = createClientState(event.token, event.address)
        clients.set(key, state)
      }
      judgeClient(state, event, raise, settings)
    },
    report: (now, open) => ({
      findings: findingsNow(findings, open, now, settings).map((f) => findingOf(f, session)),
      coverage: coverage.rows(),
    }),
    clear() {
      byToken.clear()
      byAddress.clear()
      findings.length = 0
      coverage.clear()
    },
  }
}

/** The findings made, with the hangs held past the limit right now, oldest first. */
function findingsNow(
  made: readonly OpenFinding[],
  open: readonly OpenHang[],
  now: number,
  settings: ConductSettings,
): OpenFinding[] {
  const held = settings.ignore.has('no-client-timeout')
    ? []
    : open
        .filter((hang) => now - hang.at >= settings.hangLimitMs)
        .map((hang) => openHangFinding(hang, now))
  return [...made, ...held].sort((a, b) => a.at - b.at)
}

function judgeClient(
  state: ClientState,
  event: ConductEvent,
  raise: Raise,
  settings: ConductSettings,
): void {
  judgeHolds(state, event, raise)
  judgeTokens(state, event, raise)
  judgeWrites(state, event, raise)
  judgeRetries(state, event, raise, settings.stormAttempts)
  const write = event.method !== 'GET' && event.method !== 'HEAD' && event.method !== 'OPTIONS'
  if (write && event.status >= 200 && event.status < 300) state.writeSeq += 1
  if (event.fault === 'hang' && event.endedAt - event.at >= settings.hangLimitMs) {
    if (state.hung !== undefined) join(state.hung, event)
    else {
      const seconds = Math.round((event.endedAt - event.at) / 1000)
      const facts = {
        method: event.method,
        target: event.target,
        status: 'hang',
        count: 1,
        seconds,
      }
      state.hung = raise('no-client-timeout', state, event.at, [event.id], facts)
    }
  }
}

/** A request worth remembering its client for: a failure, a fault, a token in the URL. */
function isNotable(event: ConductEvent): boolean {
  return (
    event.status >= 400 ||
    event.status === 0 ||
    event.fault !== undefined ||
    event.abandoned ||
    event.tokenInQuery
  )
}

function openHangFinding(hang: OpenHang, now: number): OpenFinding {
  const seconds = Math.round((now - hang.at) / 1000)
  return {
    rule: 'no-client-timeout',
    client: conductClientKey(hang.token, hang.address),
    at: hang.at,
    requests: [],
    facts: { method: hang.method, target: hang.target, status: 'hang', count: 1, seconds },
  }
}

function findingOf(finding: OpenFinding, session: string | undefined): Finding {
  return {
    rule: finding.rule,
    client: finding.client,
    session: session ?? null,
    message: FINDING_MESSAGES[finding.rule](finding.facts),
    requests: [...finding.requests],
    at: new Date(finding.at).toISOString(),
  }
}
