import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'

// The built CLI (`npm run build` runs before vitest in `npm test`), as a user runs it.
const BIN = fileURLToPath(new URL('../bin/mockapi.js', import.meta.url))

export interface Cli {
  readonly child: ChildProcessWithoutNullStreams
  readonly exited: Promise<number | null>
  stdout: string
  stderr: string
}

type Env = Readonly<Record<string, string>>

/**
 * Runs `mockapi` as a child process, the way a user does, in `cwd()`, with the test runner's
 * environment minus every MOCKAPI_* variable and HOST. `stopAll` (for `afterEach`) ends what is left.
 */
export function createCliHarness(cwd: () => string) {
  const children = new Set<ChildProcessWithoutNullStreams>()

  function launch(args: readonly string[], env: Env = {}): Cli {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: cwd(), env: environment(env) })
    children.add(child)
    const exited = new Promise<number | null>((resolve) => {
      child.once('close', (code) => resolve(code))
    })
    const cli: Cli = { child, exited, stdout: '', stderr: '' }
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      cli.stdout += chunk
    })
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      cli.stderr += chunk
    })
    return cli
  }

  /** Starts a server on a free port with `--ready-json`; resolves with its URL once it listens. */
  async function serve(args: readonly string[], env: Env = {}) {
    const cli = launch(['--port', '0', '--ready-json', ...args], env)
    await waitFor(cli, () => cli.stdout.includes('\n'), 'the ready line')
    const { url } = JSON.parse(cli.stdout.split('\n')[0] ?? '') as { url: string }
    return { cli, url }
  }

  /** Runs a command that ends on its own. */
  async function run(args: readonly string[], env: Env = {}) {
    const cli = launch(args, env)
    const hung = setTimeout(() => cli.child.kill('SIGKILL'), 10_000)
    const code = await cli.exited
    clearTimeout(hung)
    return { code, stdout: cli.stdout, stderr: cli.stderr }
  }

  async function stopAll(): Promise<void> {
    await Promise.all([...children].map(stop))
    children.clear()
  }

  return { launch, serve, run, stopAll }
}

/** Resolves once `ready()` holds after some output; rejects if the process ends first. */
export function waitFor(cli: Cli, ready: () => boolean, what: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const check = () => {
      if (!ready()) return
      done()
      resolve()
    }
    const ended = () => {
      done()
      reject(
        new Error(`The CLI ended before ${what}.\nstdout: ${cli.stdout}\nstderr: ${cli.stderr}`),
      )
    }
    const done = () => {
      cli.child.stdout.off('data', check)
      cli.child.stderr.off('data', check)
      cli.child.off('close', ended)
    }
    cli.child.stdout.on('data', check)
    cli.child.stderr.on('data', check)
    cli.child.once('close', ended)
    // The listeners above are added after `launch`'s, so the text read so far includes the chunk.
    setImmediate(check)
  })
}

/** The test runner's environment without any MOCKAPI_* variable or HOST, plus `env`. */
function environment(env: Env): Record<string, string> {
  const clean: Record<string, string> = {}
  for (const [name, value] of Object.entries(process.env)) {
    if (value !== undefined && !name.startsWith('MOCKAPI_') && name !== 'HOST') clean[name] = value
  }
  return { ...clean, ...env }
}

async function stop(child: ChildProcessWithoutNullStreams): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return
  const closed = new Promise((resolve) => child.once('close', resolve))
  child.kill('SIGTERM')
  const hung = setTimeout(() => child.kill('SIGKILL'), 5000)
  await closed
  clearTimeout(hung)
}
