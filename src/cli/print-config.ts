import { formatDbConfig } from '../db/format-db-config.js'
import { inferResources } from '../db/infer-resources.js'
import { readDbFile } from '../db/read-db-file.js'
import type { CliIo } from './cli-io.js'
import type { ServeFlags } from './parse-cli-args.js'

/** `mockapi db.json --print-config`: the resources inferred from the data file, as a config file. */
export async function printConfig(flags: ServeFlags, io: CliIo): Promise<number> {
  const file = flags.db ?? ''
  const resources = inferResources(readDbFile(file, io.cwd))
  io.stdout(await formatDbConfig(file, resources))
  return 0
}
