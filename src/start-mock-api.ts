import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createAdaptorServer } from '@hono/node-server'
import { createMockApi, type MockApi } from './create-mock-api.js'
import type { MockApiOptions } from './options.js'

export interface StartMockApiOptions extends MockApiOptions {
  /** Port to listen on; `0` (default) picks a free one. */
  readonly port?: number
  /** Address to bind. Default `127.0.0.1`: nothing outside this machine can reach the mock. */
  readonly host?: string
  /** How long `close()` lets in-flight requests finish before cutting them, in ms. Default 5000. */
  readonly shutdownTimeout?: number
}

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
  const api = createMockApi(options, { networked: !isLoopback(host) })
  const server = createAdaptorServer({ fetch: api.app.fetch, hostname: host }) as Server
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

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\./.test(host)
}
