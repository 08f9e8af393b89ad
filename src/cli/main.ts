import { fstatSync } from 'node:fs'
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
    interactive: process.stdin.isTTY === true,
    stdinClosed,
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

/** Resolves when a piped standard input closes; undefined when it is no pipe. */
function stdinClosed(): Promise<string> | undefined {
  let piped = false
  try {
    const stat = fstatSync(0)
    piped = stat.isFIFO() || stat.isSocket()
  } catch {
    return undefined
  }
  if (!piped) return undefined
  return new Promise((resolve) => {
    const closed = () => resolve('stdin closed')
    // Read and drop whatever arrives: only the end matters.
    process.stdin.on('data', () => {})
    process.stdin.once('end', closed)
    process.stdin.once('close', closed)
    process.stdin.once('error', closed)
  })
}
