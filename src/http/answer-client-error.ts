import type { Socket } from 'node:net'
import { createProblem, PROBLEM_CONTENT_TYPE, statusTitle } from './problem.js'
import { formatBytes } from './read-json-body.js'
import { instanceOf } from './refuse-request.js'

/** What `answerClientError` says in its answers: the limits the server was started with. */
export interface ClientErrorLimits {
  readonly requestTimeout: number
  readonly headersTimeout: number
  readonly maxHeaderSize: number
}

/**
 * Node's HTTP parser refuses some requests before any of our code runs — headers too large, a
 * malformed request line, a request that takes too long to arrive — and by default answers them
 * with a bare status line. This answers them in the one problem+json envelope instead, then
 * closes the socket: after a parse error or a timeout, nothing else on it can be trusted.
 */
export function answerClientError(limits: ClientErrorLimits) {
  return function answerClientError(error: NodeJS.ErrnoException, socket: Socket): void {
    // A reset or a response already under way leaves nothing to say.
    if (error.code === 'ECONNRESET' || !socket.writable || socket.bytesWritten > 0) {
      socket.destroy()
      return
    }
    const [status, code, detail] = describe(error, limits)
    const body = JSON.stringify(createProblem(status, code, detail, targetOf(error)))
    socket.end(
      `HTTP/1.1 ${status} ${statusTitle(status)}\r\n` +
        `Content-Type: ${PROBLEM_CONTENT_TYPE}\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\n` +
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

/** The request's path, from the raw bytes Node kept of a request it could not parse; else `/`. */
function targetOf(error: NodeJS.ErrnoException & { rawPacket?: unknown }): string {
  const raw = Buffer.isBuffer(error.rawPacket)
    ? error.rawPacket.subarray(0, 2048).toString('latin1')
    : ''
  const target = /^[A-Z]+ (\S+) HTTP\//.exec(raw)?.[1]
  return instanceOf(target)
}

function reasonOf(error: Error): string {
  return error.message.replace(/^Parse Error:\s*/, '').replace(/\.$/, '')
}
