import type { HttpBindings } from '@hono/node-server'

/** Bindings are the Node request/response when served on a socket, absent in-process. */
export interface AppEnv {
  Bindings: Partial<HttpBindings>
}
