import type { Socket } from 'node:net'
import { type CorsOption, corsHeadersFor } from './cors.js'
import { createProblem, PROBLEM_CONTENT_TYPE, statusTitle } from './problem.js'
import { formatBytes } from './read-json-body.js'
import { readRefusedRequest } from './refused-request.js'

/** What `answerClientError` says in its answers: the limits the server was started with. */
export interface ClientErrorLimits {
  readonly requestTimeout: number
  readonly headersTimeout: number
  readonly maxHeaderSize: number
  /** CORS of the resource routes, so a browser can read these answers too. */
  readonly cors?: CorsOption
}

/** Node's socket while it writes an answer: `_httpMessage` is the response under way, if any. */
type ServerSocket = Socket & { readonly _httpMessage?: { readonly headersSent: boolean } | null }

/**
 * Node's HTTP parser refuses some requests before any of our code runs — headers too large, a
 * malformed request line, a request that takes too long to arrive — and by default answers them
 * with a bare status line. This answers them in the one problem+json envelope instead, then
 * closes the socket: after a parse error or a timeout, nothing else on it can be trusted.
 */
export function answerClientError(limits: ClientErrorLimits) {
  return function answerClientError(error: NodeJS.ErrnoException, socket: ServerSocket): void {
    // A reset, or an answer already on its way, leaves nothing to say. A connection that served
    // earlier requests still gets its answer: only a response under way would be corrupted.
    if (error.code === 'ECONNRESET' || !socket.writable || socket._httpMessage?.headersSent) {
      socket.destroy()
      return
    }
    const [status, code, detail] = describe(error, limits)
    const request = readRefusedRequest((error as { rawPacket?: unknown }).rawPacket)
    const body = JSON.stringify(createProblem(status, code, detail, request.instance))
    const cors = corsHeadersFor(limits.cors ?? false, request.origin, request.path)
    const extra = Object.entries(cors).map(([name, value]) => `${name}: ${value}\r\n`)
    socket.end(
      `HTTP/1.1 ${status} ${statusTitle(status)}\r\n` +
        `Date: ${new Date().toUTCString()}\r\n` +
        `Content-Type: ${PROBLEM_CONTENT_TYPE}\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\n` +
        extra.join('') +
        'Connection: close\r\n\r\n' +
        body,
    )
    // A client that never reads must not hold the socket either.
    setTimeout(() => socket.destroy(), 1000).unref()
  }
}

function describe(
  error: NodeJS.ErrnoException,
  limits: ClientErrorLimits,
): [status: number, code: string, detail: string] {
  switch (error.code) {
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return [
        408,
        'request_timeout',
        `The request did not arrive in time: headers must arrive within ${limits.headersTimeout} ms and the whole request within ${limits.requestTimeout} ms.`,
      ]
    case 'HPE_HEADER_OVERFLOW':
      return [
        431,
        'headers_too_large',
        `The request line and headers are larger than ${formatBytes(limits.maxHeaderSize)}. Send a shorter URL or fewer, smaller headers.`,
      ]
    case 'HPE_CHUNK_EXTENSIONS_OVERFLOW':
      return [413, 'payload_too_large', 'The chunk extensions of the request body are too large.']
    default:
      return [
        400,
        'malformed_request',
        `The request is not valid HTTP/1.1 (${error.code ?? 'parse error'}: ${reasonOf(error)}).`,
      ]
  }
}

function reasonOf(error: Error): string {
  return error.message.replace(/^Parse Error:\s*/, '').replace(/\.$/, '')
}
