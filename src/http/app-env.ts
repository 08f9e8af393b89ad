import type { HttpBindings } from '@hono/node-server'
import type { ResourceSpec } from '../resources/resource-spec.js'

/** What the pipeline's middleware hand to later stages on the Hono context. */
export interface AppVariables {
  /** The parsed JSON body of a POST or PATCH, set by `parseJsonBody`. */
  body: unknown
  /** The resource a `/:resource` route addresses, set by `requireResource`. */
  resource: ResourceSpec
}

/** Bindings are the Node request/response when served on a socket, absent in-process. */
export interface AppEnv {
  Bindings: Partial<HttpBindings>
  Variables: AppVariables
}
