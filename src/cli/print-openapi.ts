import { readConfig } from '../config/load-config.js'
import { createMockApi } from '../create-mock-api.js'
import { loadOpenApi } from '../openapi/load-openapi.js'
import { openApiYaml } from '../openapi-export/build-openapi-document.js'
import { prepareOpenApi } from '../options.js'
import type { CliIo } from './cli-io.js'
import type { ServeFlags } from './parse-cli-args.js'
import { defaultConfig } from './serve.js'

/**
 * `mockapi openapi`: prints the OpenAPI document of what `mockapi` with the same flags would
 * serve, `servers` set to its URL (`--host`, `--port`, and `--base-path` for a mocked document),
 * without serving. With `--openapi F` (or a config naming one) it is F as written, `servers`
 * pointing at the mock.
 */
export async function printOpenApi(
  flags: ServeFlags & { readonly format: 'json' | 'yaml' },
  io: CliIo,
): Promise<number> {
  const config = flags.config ?? defaultConfig(io.cwd)
  const loaded = config === undefined ? undefined : readConfig(config, io.cwd)
  const options = await prepareOpenApi({
    // The document needs the model, not the data.
    count: 0,
    ...(loaded === undefined ? {} : { config: loaded }),
    ...(flags.openapi === undefined ? {} : { openapi: await loadOpenApi(flags.openapi, io.cwd) }),
    ...(flags.basePath === undefined ? {} : { basePath: flags.basePath }),
    ...(flags.auth === undefined ? {} : { auth: flags.auth }),
    ...(flags.rateLimit === undefined ? {} : { rateLimit: flags.rateLimit }),
    ...(flags.requireIfMatch === undefined ? {} : { requireIfMatch: flags.requireIfMatch }),
  })
  const api = createMockApi(options)
  const host = flags.host === '0.0.0.0' ? '127.0.0.1' : flags.host
  const document = api.openapi(`http://${host.includes(':') ? `[${host}]` : host}:${flags.port}`)
  await api.close()
  io.stdout(
    flags.format === 'yaml' ? openApiYaml(document) : `${JSON.stringify(document, null, 2)}\n`,
  )
  return 0
}
