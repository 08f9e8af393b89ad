import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http'
import { createProblem, PROBLEM_CONTENT_TYPE } from './problem.js'

// RFC 3986 `host [ ":" port ]`: a name or IPv4 address, or an IPv6 literal in brackets.
const HOST = /^(?:[A-Za-z0-9\-._~!$&'()*+,;=%]+|\[[0-9A-Fa-f:.]+\])(?::\d{0,5})?$/

/**
 * Answers a request Node hands over but the mock refuses before its app runs, in the contract's
 * problem+json shape, and closes the connection: what follows on it cannot be trusted.
 */
export function refuseRequest(
  req: IncomingMessage,
  res: ServerResponse,
  refusal: { readonly status: number; readonly code: string; readonly detail: string },
): void {
  const body = JSON.stringify(
    createProblem(refusal.status, refusal.code, refusal.detail, instanceOf(req.url)),
  )
  res.shouldKeepAlive = false
  res.writeHead(refusal.status, {
    'Content-Type': PROBLEM_CONTENT_TYPE,
    'Content-Length': Buffer.byteLength(body),
    Connection: 'close',
  })
  res.end(body)
  // The request's body, if any, is not read: the connection closes once the answer is sent.
  req.resume()
}

/** The request's path as a problem's `instance`: never empty, without the query string. */
export function instanceOf(target: string | undefined): string {
  const path = (target ?? '').split('?', 1)[0] ?? ''
  return path.startsWith('/') ? path : '/'
}

/**
 * Wraps Node's request listener: a request whose `Host` is missing (HTTP/1.1), given twice or
 * not a valid `host[:port]` gets `400 invalid_host` and never reaches the app — a request without
 * one trustworthy Host cannot be routed, nor checked against the hosts allowed.
 */
export function guardHost(listener: RequestListener): RequestListener {
  return function guardHost(req, res) {
    const detail = hostProblem(req)
    if (detail === undefined) return listener(req, res)
    refuseRequest(req, res, { status: 400, code: 'invalid_host', detail })
  }
}

function hostProblem(req: IncomingMessage): string | undefined {
  const hosts: string[] = []
  const raw = req.rawHeaders
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = raw[i] as string
    if (name.length === 4 && name.toLowerCase() === 'host') hosts.push(raw[i + 1] ?? '')
  }
  if (hosts.length > 1) return 'The request has more than one Host header. Send exactly one.'
  const [host] = hosts
  if (host === undefined) {
    return req.httpVersionMajor === 1 && req.httpVersionMinor === 0
      ? undefined
      : 'The request has no Host header. HTTP/1.1 requires one, such as Host: 127.0.0.1:4000.'
  }
  if (!HOST.test(host)) {
    return `The Host header "${host.slice(0, 100)}" is not a valid host[:port], such as 127.0.0.1:4000.`
  }
  return undefined
}

/**
 * Answers an `Expect` other than `100-continue` (Node's `checkExpectation` event): `417`
 * `expectation_failed`, as RFC 9110 says, in the problem+json shape.
 */
export function refuseExpectation(req: IncomingMessage, res: ServerResponse): void {
  const expect = String(req.headers.expect ?? '').slice(0, 100)
  refuseRequest(req, res, {
    status: 417,
    code: 'expectation_failed',
    detail: `The request expects "${expect}", which this server does not support. Only Expect: 100-continue is; or send no Expect header.`,
  })
}
