import { execFile } from 'node:child_process'
import { mkdir, mkdtemp, readdir, rm, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll } from 'vitest'

const run = promisify(execFile)

/** This repository, whose built package is packed. */
export const REPO = resolve(import.meta.dirname, '..')

/** Tools a scratch project takes from this repository's node_modules rather than a registry. */
const LINKED = ['vitest', 'jest', 'ky', 'typescript', '@types']
const BINS = [
  ['vitest', '../vitest/vitest.mjs'],
  ['jest', '../jest/bin/jest.js'],
] as const

export interface PackedProject {
  /** The folder holding node_modules; projects go in its subfolders. */
  readonly root: string
  /** The packed tarball. */
  readonly tarball: string
  /** Makes `root/<name>` with the files given and `node_modules` linked to the shared one. */
  project(name: string, files: Readonly<Record<string, string>>): Promise<string>
}

/**
 * Packs the built package (`npm pack`, as a release would) and installs the tarball into a scratch
 * folder from the local cache (`--prefer-offline`: what `npm ci` fetched is enough). Vitest, Jest
 * and ky are linked from this repository, as a user's project would have its own.
 */
export async function installPackedPackage(): Promise<PackedProject> {
  const root = await mkdtemp(join(tmpdir(), 'mockapi-packed-'))
  const { stdout } = await run('npm', ['pack', '--ignore-scripts', '--pack-destination', root], {
    cwd: REPO,
  })
  const tarball = join(root, stdout.trim().split('\n').at(-1) ?? '')
  await writeFile(join(root, 'package.json'), '{ "name": "scratch", "private": true }\n')
  await run(
    'npm',
    ['install', '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts', tarball],
    { cwd: root },
  )
  for (const name of LINKED) {
    // The package's own dependencies may have installed some of these (`@types/json-schema`, for
    // the OpenAPI parsers): this repository's copy, a superset, takes their place.
    await rm(join(root, 'node_modules', name), { recursive: true, force: true })
    await symlink(join(REPO, 'node_modules', name), join(root, 'node_modules', name), 'dir')
  }
  // Their commands, as installing them would link them: `npx vitest` finds the local one.
  for (const [bin, target] of BINS) {
    await symlink(target, join(root, 'node_modules', '.bin', bin))
  }
  return {
    root,
    tarball,
    async project(name, files) {
      const dir = join(root, name)
      await mkdir(dir, { recursive: true })
      if (!(await readdir(dir)).includes('node_modules')) {
        await symlink(join(root, 'node_modules'), join(dir, 'node_modules'), 'dir')
      }
      for (const [file, text] of Object.entries(files)) {
        await mkdir(join(dir, file, '..'), { recursive: true })
        await writeFile(join(dir, file), text)
      }
      return dir
    },
  }
}

/**
 * The packed package for the tests of one file: installed once before them, removed after.
 *
 * @example
 * const packed = usePackedPackage()
 * it('…', async () => { const dir = await packed().project('x', files) })
 */
export function usePackedPackage(): () => PackedProject {
  let packed: PackedProject | undefined
  beforeAll(async () => {
    packed = await installPackedPackage()
  }, 120_000)
  afterAll(async () => {
    if (packed) await rm(packed.root, { recursive: true, force: true })
  })
  return () => {
    if (!packed) throw new Error('The packed package is not installed: its beforeAll failed.')
    return packed
  }
}

/** The environment for a nested test runner: this run's Vitest variables left out. */
export function cleanEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(
    Object.entries(process.env).filter(
      ([name]) => !/^(VITEST|NODE_OPTIONS$|TEST$|MOCKAPI_|JEST)/.test(name),
    ),
  )
}

/** Runs a command in `cwd`; resolves with its exit code and output, never rejects. */
export async function runIn(
  cwd: string,
  command: string,
  args: readonly string[],
  timeout = 120_000,
): Promise<{ code: number; output: string }> {
  try {
    const { stdout, stderr } = await run(command, args, { cwd, env: cleanEnv(), timeout })
    return { code: 0, output: stdout + stderr }
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string }
    return {
      code: typeof failed.code === 'number' ? failed.code : 1,
      output: `${failed.stdout ?? ''}${failed.stderr ?? ''}`,
    }
  }
}
