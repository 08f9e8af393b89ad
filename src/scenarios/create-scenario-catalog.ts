import { statSync } from 'node:fs'
import { resolve } from 'node:path'
import { isFileError } from '../errors/file-error.js'
import { readScenarioOffThread } from './read-scenario-off-thread.js'
import {
  describeEntry,
  type Entry,
  loadScenario,
  type ScenarioInfo,
  type ScenarioLookup,
  scenarioEntries,
} from './resolve-scenario.js'
import type { Scenario } from './scenario-spec.js'

/** The scenarios an instance can load by name, for the admin routes. */
export interface ScenarioCatalog {
  /** What `listScenarios` says, each file parsed once per change, in a worker thread. */
  list(): Promise<ScenarioInfo[]>
  /** Loads names and `.yaml` paths as `loadScenario` does, user files in a worker thread. */
  load(inputs: readonly string[]): Promise<Scenario[]>
}

/**
 * A catalog of the scenario folders that parses each file once per change — a change is a new
 * size, modification time or inode — and off the event loop, so a control page polling `/state`
 * every 2 s costs a folder listing and a `stat` per file, never a parse; and a 5 MB file never
 * stalls a request.
 */
export function createScenarioCatalog(lookup: ScenarioLookup): ScenarioCatalog {
  const known = new Map<
    string,
    { readonly version: string; readonly info: Promise<ScenarioInfo> }
  >()

  function describe(entry: Entry, builtin: boolean): Promise<ScenarioInfo> {
    const version = versionOf(entry.path)
    const cached = known.get(entry.path)
    if (cached?.version === version) return cached.info
    const info = builtin
      ? Promise.resolve(describeEntry(entry, true))
      : readScenarioOffThread(entry.path, entry.source).then(
          (scenario) => ({
            name: entry.name,
            source: entry.source,
            builtin,
            description: scenario.description,
          }),
          (error: unknown) => {
            if (!isFileError(error)) throw error
            return {
              name: entry.name,
              source: entry.source,
              builtin,
              description: '',
              problem: error.message,
            }
          },
        )
    known.set(entry.path, { version, info })
    return info
  }

  return {
    async list() {
      const entries = scenarioEntries(lookup)
      const listed = new Set(entries.map((entry) => entry.path))
      for (const path of known.keys()) if (!listed.has(path)) known.delete(path)
      return Promise.all(entries.map((entry) => describe(entry, entry.builtin)))
    },
    async load(inputs) {
      return Promise.all(inputs.map((input) => loadOne(input)))
    },
  }

  async function loadOne(input: string): Promise<Scenario> {
    if (/\.ya?ml$/i.test(input)) return readScenarioOffThread(resolve(lookup.cwd, input), input)
    const entry = scenarioEntries(lookup).find((candidate) => candidate.name === input)
    if (entry === undefined || entry.builtin) return loadScenario(input, lookup)
    return readScenarioOffThread(entry.path, entry.source)
  }
}

/** What tells one version of a file from the next without reading it. */
function versionOf(path: string): string {
  try {
    const stats = statSync(path)
    return `${stats.ino}:${stats.size}:${stats.mtimeMs}`
  } catch (error) {
    return `error:${(error as NodeJS.ErrnoException).code ?? ''}`
  }
}
