import { readConfig } from '../config/load-config.js'
import { createMockApi } from '../create-mock-api.js'
import { openApiYaml } from '../openapi-export/build-openapi-document.js'
import type { CliIo } from './cli-io.js'
import type { ServeFlags } from './parse-cli-args.js'
import { defaultConfig } from './serve.js'

/**
 * `mockapi openapi`: prints the OpenAPI document of what `mockapi` with the same flags would
 * serve, `servers` set to its URL (`--host`, `--port`), without serving.
 */
export async function printOpenApi(
  flags: ServeFlags & { readonly format: 'json' | 'yaml' },
  io: CliIo,
): Promise<number> {
  const config = flags.config ?? defaultConfig(io.cwd)
  const loaded = config === undefined ? undefined : readConfig(config, io.cwd)
  const api = createMockApi({
    // The document needs the model, not the data.
    count: 0,
    ...(loaded === undefined ? {} : { config: loaded }),
    ...(flags.auth === undefined ? {} : { auth: flags.auth }),
    ...(flags.rateLimit === undefined ? {} : { rateLimit: flags.rateLimit }),
    ...(flags.requireIfMatch === undefined ? {} : { requireIfMatch: flags.requireIfMatch }),
  })
  const host = flags.host === '0.0.0.0' ? '127.0.0.1' : flags.host
  const document = api.openapi(`http://${host.includes(':') ? `[${host}]` : host}:${flags.port}`)
  await api.close()
  io.stdout(
    flags.format === 'yaml' ? openApiYaml(document) : `${JSON.stringify(document, null, 2)}\n`,
  )
  return 0
}
