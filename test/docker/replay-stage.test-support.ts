import { execFile } from 'node:child_process'
import { cpSync, existsSync, mkdirSync } from 'node:fs'
import { join, posix, resolve } from 'node:path'
import { promisify } from 'node:util'
import type { CopyStep, DockerStage } from './read-dockerfile.test-support.js'

const run = promisify(execFile)

/** A stage replayed on this machine: `root` stands for the container's `/`. */
export interface ReplayedStage {
  readonly root: string
  /** A path in the container → the same path under `root`. */
  readonly inRoot: (path: string) => string
}

/**
 * Replays `stage`'s WORKDIR, COPY and RUN steps under `root`, the folder that stands for the
 * container's `/`. COPY without --from reads the build context (`context`); COPY --from=`build`
 * reads what that stage made, which is the context after `npm run build` (its WORKDIR is the
 * context). RUN is replayed command by command, and only commands it knows: `npm ci` (plus
 * --prefer-offline), `mkdir -p`, and `npm cache clean` (skipped: it would empty this machine's
 * cache). Anything else throws, so a new RUN in the Dockerfile cannot be skipped unnoticed.
 */
export async function replayStage(
  stage: DockerStage,
  build: DockerStage,
  context: string,
  root: string,
): Promise<ReplayedStage> {
  const inRoot = (path: string) => join(root, posix.resolve('/', path))
  let workdir = '/'
  for (const step of stage.steps) {
    if (step.kind === 'workdir') {
      workdir = step.path
      mkdirSync(inRoot(workdir), { recursive: true })
    } else if (step.kind === 'copy') {
      copy(step.copy, { build, context, target: inRoot(workdir) })
    } else {
      for (const command of step.command.split('&&').map((part) => part.trim())) {
        await runCommand(command, inRoot(workdir), inRoot)
      }
    }
  }
  return { root, inRoot }
}

function copy(
  step: CopyStep,
  at: { readonly build: DockerStage; readonly context: string; readonly target: string },
): void {
  if (step.from !== undefined && step.from !== at.build.name) {
    throw new Error(`cannot replay COPY --from=${step.from}: only the build stage is known`)
  }
  for (const source of step.sources) {
    const from =
      step.from === undefined
        ? resolve(at.context, source)
        : resolve(at.context, posix.relative(at.build.workdir, source))
    if (!existsSync(from)) {
      throw new Error(`cannot replay COPY ${source}: ${from} is missing (run npm run build first)`)
    }
    const into = step.destination.endsWith('/')
      ? join(at.target, step.destination, posix.basename(source))
      : join(at.target, step.destination)
    cpSync(from, into, { recursive: true })
  }
}

async function runCommand(command: string, cwd: string, inRoot: (path: string) => string) {
  const [program, ...args] = command.split(/\s+/)
  if (program === 'npm' && args[0] === 'ci') {
    await run('npm', [...args, '--prefer-offline'], { cwd, env: npmEnv() })
  } else if (program === 'npm' && args.join(' ') === 'cache clean --force') {
    // Keeps the image's layer small; here it would only empty this machine's npm cache.
  } else if (program === 'mkdir' && args[0] === '-p') {
    for (const dir of args.slice(1)) mkdirSync(inRoot(posix.resolve('/', dir)), { recursive: true })
  } else {
    throw new Error(`cannot replay RUN ${command}: teach replay-stage.test-support.ts about it`)
  }
}

// `npm test` hands its npm_* variables down (the package, the lifecycle, its local prefix): the
// install gets none of them but where the cache, the registry and the user's config are.
const KEPT_NPM = new Set(['npm_config_cache', 'npm_config_registry', 'npm_config_userconfig'])

function npmEnv(): Record<string, string> {
  return Object.fromEntries(
    Object.entries(process.env).filter(
      (entry): entry is [string, string] =>
        entry[1] !== undefined &&
        (!entry[0].toLowerCase().startsWith('npm_') || KEPT_NPM.has(entry[0].toLowerCase())),
    ),
  )
}
