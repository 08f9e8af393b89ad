import type { HttpBindings } from '@hono/node-server'

/**
 * What the pipeline's stages hand to later ones. The stage that sets a variable declares it, by
 * augmenting this interface beside its own code (`authenticate` the token, `injectScenarios` the
 * rule and fault), so this floor knows nothing of the stages above it.
 */
export interface AppVariables {
  /** Headers for the final response, added by `addHeaders` (see `respond`). */
  headers: Readonly<Record<string, string>>[] | undefined
}

/** Bindings are the Node request/response when served on a socket, absent in-process. */
export interface AppEnv {
  Bindings: Partial<HttpBindings>
  Variables: AppVariables
}
