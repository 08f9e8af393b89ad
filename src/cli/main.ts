import { guardStream } from './guard-stream.js'
import { runCli } from './run-cli.js'

/** The `mockapi` process: the only place that reads `process.argv` and calls `process.exit`. */
export async function main(): Promise<void> {
  const stopped = new Promise<string>((resolve) => {
    const stop = (signal: string) => {
      // A second signal while stopping means "now".
      process.once(signal, () => process.exit(0))
      resolve(signal)
    }
    process.once('SIGINT', () => stop('SIGINT'))
    process.once('SIGTERM', () => stop('SIGTERM'))
  })
  // A closed stdout or stderr (`mockapi | head -1`) stops the output, never the server.
  const out = guardStream(process.stdout)
  const err = guardStream(process.stderr)
  const code = await runCli(process.argv.slice(2), {
    env: process.env,
    cwd: process.cwd(),
    stdout: out.write,
    stderr: err.write,
    stopped,
  })
  // Exit only once both streams have flushed, so a piped reader gets the last line.
  flush(process.stdout, out.closed(), () =>
    flush(process.stderr, err.closed(), () => process.exit(code)),
  )
}

function flush(stream: NodeJS.WriteStream, closed: boolean, then: () => void): void {
  if (closed || stream.destroyed) then()
  else stream.write('', () => then())
}
