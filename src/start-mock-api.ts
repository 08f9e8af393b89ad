import { createServer as createNodeServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { networkInterfaces } from 'node:os'
import { getRequestListener } from '@hono/node-server'
import { createMockApi, type MockApi } from './create-mock-api.js'
import { answerClientError } from './http/answer-client-error.js'
import { guardHost, refuseExpectation } from './http/refuse-request.js'
import { type MockApiOptions, prepareOpenApi } from './options.js'

export interface StartMockApiOptions extends MockApiOptions {
  /** Port to listen on; `0` (default) picks a free one. */
  readonly port?: number
  /** Address to bind. Default `127.0.0.1`: nothing outside this machine can reach the mock. */
  readonly host?: string
  /** How long `close()` lets in-flight requests finish before cutting them, in ms. Default 5000. */
  readonly shutdownTimeout?: number
  /**
   * How long a whole request may take to arrive, body included, in ms; past it the client gets
   * 408 `request_timeout` and the socket is freed. Default 30000.
   */
  readonly requestTimeout?: number
  /** How long a request's headers may take to arrive, in ms (408 past it). Default 10000. */
  readonly headersTimeout?: number
}

export const DEFAULT_REQUEST_TIMEOUT = 30_000
export const DEFAULT_HEADERS_TIMEOUT = 10_000
// Node's own default, named so the 431 answer can say it.
const MAX_HEADER_SIZE = 16 * 1024

/** A mock API listening on a socket. */
export interface RunningMockApi extends MockApi {
  /** Base URL to send requests to, e.g. `http://127.0.0.1:49152`. */
  readonly url: string
  readonly port: number
  readonly host: string
  /** Stops accepting connections, lets in-flight requests finish, then resolves. */
  close(): Promise<void>
}

/**
 * Starts a mock API on a real socket.
 *
 * @example
 * ```ts
 * import { startMockApi } from '@mockapi-dev/mockapi'
 *
 * const api = await startMockApi({ port: 0, seed: 1 })
 * const res = await fetch(`${api.url}/tasks?status=done&sort=-dueAt`)
 * await api.close()
 * ```
 */
export async function startMockApi(options: StartMockApiOptions = {}): Promise<RunningMockApi> {
  const host = options.host ?? '127.0.0.1'
  // An OpenAPI document is read (and refused, if broken) before anything listens.
  const prepared = await prepareOpenApi(options)
  const api = createMockApi(prepared, { networked: !isLoopback(host), bound: boundAddresses(host) })
  const server = createServer(api, host, options)
  const port = await listen(server, options.port ?? 0, host)
  const shutdownTimeout = options.shutdownTimeout ?? 5000
  let closing: Promise<void> | undefined
  return {
    ...api,
    url: `http://${urlHost(host)}:${port}`,
    port,
    host,
    close: () => {
      // Requests held by a `hang` fault let go first, so they do not hold the close up.
      closing ??= api.close().then(() => stop(server, shutdownTimeout))
      return closing
    },
  }
}

function createServer(api: MockApi, host: string, options: StartMockApiOptions): Server {
  const requestTimeout = options.requestTimeout ?? DEFAULT_REQUEST_TIMEOUT
  // Node refuses a headers timeout longer than the request timeout.
  const headersTimeout = Math.min(options.headersTimeout ?? DEFAULT_HEADERS_TIMEOUT, requestTimeout)
  const listener = getRequestListener(api.app.fetch, { hostname: host })
  const server = createNodeServer(
    {
      // The Host check answers in problem+json (Node's own answers a bare 400).
      requireHostHeader: false,
      requestTimeout,
      headersTimeout,
      maxHeaderSize: MAX_HEADER_SIZE,
      // Timeouts are only noticed when connections are checked (Node: every 30 s).
      connectionsCheckingInterval: Math.max(20, Math.min(1000, headersTimeout / 4)),
    },
    guardHost(listener),
  )
  server.on('checkExpectation', refuseExpectation)
  server.on(
    'clientError',
    answerClientError({
      requestTimeout,
      headersTimeout,
      maxHeaderSize: MAX_HEADER_SIZE,
      cors: api.settings().cors,
    }),
  )
  return server
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      const reason =
        error.code === 'EADDRINUSE'
          ? 'the port is already in use. Stop the other process or choose another --port.'
          : error.code === 'EADDRNOTAVAIL'
            ? 'the address is not available on this machine.'
            : error.message
      reject(new Error(`Failed to listen on ${host}:${port}: ${reason}`))
    }
    server.once('error', onError)
    server.listen(port, host, () => {
      server.off('error', onError)
      resolve((server.address() as AddressInfo).port)
    })
  })
}

function stop(server: Server, timeout: number): Promise<void> {
  return new Promise((resolve) => {
    const force = setTimeout(() => server.closeAllConnections(), timeout)
    // A keep-alive socket turns idle when its in-flight answer is sent; close it then rather than
    // wait out the client's keep-alive.
    const idle = setInterval(() => server.closeIdleConnections(), 20)
    server.close(() => {
      clearTimeout(force)
      clearInterval(idle)
      resolve()
    })
    server.closeIdleConnections()
  })
}

function urlHost(host: string): string {
  if (host === '0.0.0.0') return '127.0.0.1'
  if (host === '::') return '[::1]'
  return host.includes(':') ? `[${host}]` : host
}

/** The bound address; for every interface (0.0.0.0, ::), each address this machine has now. */
function boundAddresses(host: string): string[] {
  if (host !== '0.0.0.0' && host !== '::') return [host]
  const all = Object.values(networkInterfaces()).flatMap((list) => list ?? [])
  return [host, ...all.map((info) => info.address)]
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\./.test(host)
}
