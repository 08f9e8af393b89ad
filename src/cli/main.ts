import { fstatSync } from 'node:fs'
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
  const code = await runCli(process.argv.slice(2), {
    env: process.env,
    cwd: process.cwd(),
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    stopped,
    interactive: process.stdin.isTTY === true,
    stdinClosed,
  })
  // Exit only once both streams have flushed, so a piped reader gets the last line.
  process.stdout.write('', () => process.stderr.write('', () => process.exit(code)))
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
