import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { FLAGS, parseCliArgs } from '../../src/cli/parse-cli-args.js'
import type { createCliHarness } from '../cli-process.test-support.js'
import { ROOT } from './extract-blocks.test-support.js'
import { runCurl } from './run-curl.test-support.js'
import type { ShellCommand } from './shell-commands.test-support.js'

type Harness = ReturnType<typeof createCliHarness>

/** What one shell block has started: the server its `curl` lines talk to. */
export interface ShellSession {
  readonly harness: Harness
  url: string | undefined
  stop: (() => Promise<void>) | undefined
}

const SCRIPTS = (
  JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
    scripts: Record<string, string>
  }
).scripts
const NPM_COMMANDS = new Set(['ci', 'test', 'pack', 'install'])
const ENV_NAMES = new Set([
  'HOST',
  ...Object.values(FLAGS).flatMap((flag) => (flag.env ? [flag.env] : [])),
])
const ONE_SHOT = new Set(['check', 'scenarios', 'openapi', '--help', '-h', '--version', '-v'])

/**
 * Runs one command of a docs shell block. `mockapi` and `npx mockapi` run the built CLI — a
 * server on a free port (its `--port` dropped) that later `curl` lines reach in place of
 * localhost:4000, or a command that must exit 0; `curl` is sent with fetch and checked against its
 * comment (`# 401 token_missing`, else any 2xx); `npm` and `docker` lines are checked, not run:
 * the script exists, the flags and MOCKAPI_* variables parse. Anything else fails.
 */
export async function runShellCommand(command: ShellCommand, session: ShellSession): Promise<void> {
  const [program, ...args] = command.words
  if (program === 'npx' && args[0] === 'mockapi') return runMockapi(args.slice(1), command, session)
  if (program === 'mockapi') return runMockapi(args, command, session)
  if (program === 'curl') {
    if (!session.url) throw new Error('curl before any `mockapi` in this block')
    return runCurl(args, session.url, command.comment)
  }
  if (program === 'npm') return checkNpm(args)
  if (program === 'npx' && args[0] === 'vitest') return checkVitest(args.slice(1))
  if (program === 'docker') {
    const run = checkDocker(args)
    // No container engine in CI: the built CLI stands in for the container, with its variables.
    if (run) return runMockapi(run.args, { ...command, env: run.env }, session)
    return
  }
  throw new Error(`the docs' shell runner does not know "${command.words.join(' ')}"`)
}

async function runMockapi(args: string[], command: ShellCommand, session: ShellSession) {
  if (args.some((arg) => ONE_SHOT.has(arg))) {
    const { code, stderr } = await session.harness.run(args, command.env)
    const expected = /^exit (\d)\b/.exec(command.comment)?.[1] ?? '0'
    if (String(code) !== expected) {
      throw new Error(`mockapi ${args.join(' ')} exited ${code}, not ${expected}: ${stderr}`)
    }
    return
  }
  await session.stop?.()
  const { cli, url } = await session.harness.serve(withoutPort(args), command.env)
  session.url = url
  session.stop = async () => {
    cli.child.kill('SIGTERM')
    await cli.exited
  }
}

function withoutPort(args: readonly string[]): string[] {
  const kept: string[] = []
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--port' || args[i] === '-p') i++
    else if (!args[i]?.startsWith('--port=')) kept.push(args[i] ?? '')
  }
  return kept
}

function checkNpm([sub, name]: readonly string[]): void {
  if (sub === 'run') {
    if (!name || !(name in SCRIPTS)) throw new Error(`package.json has no script "${name}"`)
  } else if (!NPM_COMMANDS.has(sub ?? '')) throw new Error(`unexpected npm command "npm ${sub}"`)
}

/** `npx vitest run FILE…`: the files exist. */
function checkVitest([sub, ...files]: readonly string[]): void {
  if (sub !== 'run') throw new Error(`unexpected vitest command "vitest ${sub}"`)
  const missing = files.filter((file) => !existsSync(join(ROOT, file)))
  if (missing.length > 0) throw new Error(`no such test file: ${missing.join(', ')}`)
}

/**
 * `docker build` needs the Dockerfile; `docker run`'s options, variables and mockapi flags must
 * parse, and it returns them so that the CLI can stand in for the container.
 */
function checkDocker([sub, ...args]: readonly string[]) {
  if (sub === 'build') {
    if (!existsSync(join(ROOT, 'Dockerfile'))) throw new Error('no Dockerfile')
    return undefined
  }
  if (sub !== 'run') throw new Error(`unexpected docker command "docker ${sub}"`)
  const env: Record<string, string> = {}
  let i = 0
  for (; i < args.length && args[i]?.startsWith('-'); i++) {
    const option = args[i]
    if (option === '--rm' || option === '-d' || option === '-it') continue
    const value = args[++i] ?? ''
    if (option === '-e') {
      const [name = '', ...rest] = value.split('=')
      if (!ENV_NAMES.has(name)) throw new Error(`docker run -e ${name}: no such variable`)
      env[name] = rest.join('=')
    } else if (!['-p', '-v', '--name'].includes(option ?? '')) {
      throw new Error(`unexpected docker run option ${option}`)
    }
  }
  if (args[i] !== 'mockapi') throw new Error(`docker run of "${args[i]}", not the mockapi image`)
  parseCliArgs(args.slice(i + 1), env)
  return { args: args.slice(i + 1), env }
}
