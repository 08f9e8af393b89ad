import { existsSync, readdirSync, realpathSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { FileError, isFileError } from '../errors/file-error.js'
import { MAX_SCENARIO_BYTES, readFailure, readFileSafely } from '../files/read-file-safely.js'
import { parseScenario } from './parse-scenario.js'
import type { Scenario } from './scenario-spec.js'

/** One scenario `--scenario NAME` can load, as `mockapi scenarios` lists it. */
export interface ScenarioInfo {
  /** What to pass to `--scenario`: the file name without `.yaml`. */
  readonly name: string
  readonly description: string
  /** The user's file as found (`scenarios/flaky.yaml`), or `builtin:<name>`. */
  readonly source: string
  readonly builtin: boolean
  /** Why the file does not load (its `FileError` message); absent when it loads. */
  readonly problem?: string
}

/** Where to look: names resolve in `userDir` (relative to `cwd`, default `scenarios`) first. */
export interface ScenarioLookup {
  readonly cwd: string
  readonly userDir?: string
}

/**
 * The package's own `scenarios/` folder, holding the built-in scenarios. Same depth from
 * src/scenarios/ and dist/scenarios/, so one relative URL serves tests and the build.
 */
export const BUILTIN_SCENARIOS_DIR: string = fileURLToPath(
  new URL('../../scenarios/', import.meta.url),
)

const NAME_PATTERN = /^[a-z0-9][a-z0-9_-]*$/
const EXTENSIONS = ['.yaml', '.yml'] as const

/**
 * Loads a scenario by name or file. A value ending in `.yaml`/`.yml` is a file path, relative to
 * `cwd` (nothing else is ever read, so `../../etc/passwd` is refused); anything else is a name,
 * looked up in the user's folder first, then among the built-ins. A name is lower-case letters, digits, `-` and `_`, so it can
 * never reach outside those folders. Throws a `FileError`: the file's problems with line and
 * column, or — for an unknown or malformed name — one issue without a position (line 0) that
 * lists the names
 * available.
 *
 * @example
 * loadScenario('flaky', { cwd: process.cwd() }) // the built-in, unless ./scenarios/flaky.yaml exists
 * loadScenario('./checkout.yaml', { cwd: process.cwd() })
 */
export function loadScenario(nameOrFile: string, options: ScenarioLookup): Scenario {
  if (isFilePath(nameOrFile)) return readScenario(resolve(options.cwd, nameOrFile), nameOrFile)
  const found = findByName(nameOrFile, options)
  if (found !== undefined) return readScenario(found.path, found.source)
  throw new FileError([
    { file: nameOrFile, line: 0, column: 0, message: unknownName(nameOrFile, options) },
  ])
}

/**
 * Every scenario `loadScenario` finds by name: the user's first, then the built-ins they do not
 * shadow, each group sorted by name. A user file that does not load is still listed, with its
 * `problem`; files whose names are not valid scenario names are left out (load them by path).
 *
 * @example
 * listScenarios({ cwd: process.cwd() }).map((info) => info.name) // ['badrequest', 'chaos', …]
 */
export function listScenarios(options: ScenarioLookup): ScenarioInfo[] {
  const user = userEntries(options).map((entry) => describeEntry(entry, false))
  const shadowed = new Set(user.map((info) => info.name))
  const builtins = builtinEntries()
    .filter((entry) => !shadowed.has(entry.name))
    .map((entry) => describeEntry(entry, true))
  return [...user, ...builtins]
}

/**
 * The files `loadScenario` finds by name, without reading them: the user's, then the built-ins
 * they do not shadow.
 */
export function scenarioEntries(
  options: ScenarioLookup,
): (Entry & { readonly builtin: boolean })[] {
  const user = userEntries(options).map((entry) => ({ ...entry, builtin: false }))
  const shadowed = new Set(user.map((entry) => entry.name))
  const builtins = builtinEntries()
    .filter((entry) => !shadowed.has(entry.name))
    .map((entry) => ({ ...entry, builtin: true }))
  return [...user, ...builtins]
}

export interface Entry {
  readonly name: string
  /** Absolute path, to read. */
  readonly path: string
  /** As reported: relative to cwd, or `builtin:<name>`. */
  readonly source: string
}

// Only YAML files: `--scenario ../../etc/passwd` is refused, never read.
function isFilePath(value: string): boolean {
  return /\.ya?ml$/i.test(value)
}

function findByName(name: string, options: ScenarioLookup): Entry | undefined {
  if (!NAME_PATTERN.test(name)) return undefined
  const matches = (entry: Entry) => entry.name === name
  return userEntries(options).find(matches) ?? builtinEntries().find(matches)
}

function unknownName(name: string, options: ScenarioLookup): string {
  // Names only: the files are not read, so a bad name costs no parse of every file.
  const available = scenarioEntries(options).map((entry) => entry.name)
  const why = NAME_PATTERN.test(name)
    ? `unknown scenario "${name}"`
    : `"${name}" is not a scenario name (lower-case letters, digits, - and _, such as flaky)`
  return `${why}; expected one of: ${available.join(', ')}, or the path of a .yaml file (such as ./my-scenario.yaml)`
}

/** Reads and parses one scenario file; every problem is a `FileError` at the file. */
export function readScenario(path: string, source: string): Scenario {
  let text: string
  try {
    text = readFileSafely(path, MAX_SCENARIO_BYTES)
  } catch (error) {
    const reason = readFailure(error)
    const message = `cannot read scenario file: ${reason}. Expected a readable YAML file; check the path`
    throw new FileError([{ file: source, line: 1, column: 1, message }])
  }
  return parseScenario(text, source)
}

/** A scenario file as `mockapi scenarios` lists it: its description, or why it does not load. */
export function describeEntry(entry: Entry, builtin: boolean): ScenarioInfo {
  const base = { name: entry.name, source: entry.source, builtin }
  try {
    return { ...base, description: readScenario(entry.path, entry.source).description }
  } catch (error) {
    if (!isFileError(error)) throw error
    return { ...base, description: '', problem: error.message }
  }
}

function userEntries({ cwd, userDir = 'scenarios' }: ScenarioLookup): Entry[] {
  const dir = resolve(cwd, userDir)
  // Run from this package's own folder, ./scenarios is the built-ins: list them once, as such.
  if (!existsSync(dir) || sameFolder(dir, BUILTIN_SCENARIOS_DIR)) return []
  return entriesIn(dir, (file) => join(userDir, file))
}

function builtinEntries(): Entry[] {
  return entriesIn(BUILTIN_SCENARIOS_DIR, (_, name) => `builtin:${name}`)
}

/** The `.yaml` (then `.yml`) files of a folder with a valid name, sorted by name. */
function entriesIn(dir: string, sourceOf: (file: string, name: string) => string): Entry[] {
  let files: string[]
  try {
    files = readdirSync(dir).sort()
  } catch {
    return []
  }
  const entries = new Map<string, Entry>()
  for (const extension of EXTENSIONS) {
    for (const file of files.filter((name) => name.endsWith(extension))) {
      const name = file.slice(0, -extension.length)
      if (!NAME_PATTERN.test(name) || entries.has(name)) continue
      entries.set(name, { name, path: join(dir, file), source: sourceOf(file, name) })
    }
  }
  return [...entries.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
}

function sameFolder(a: string, b: string): boolean {
  try {
    return realpathSync(a) === realpathSync(b)
  } catch {
    return false
  }
}
