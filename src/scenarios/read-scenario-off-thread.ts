import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { Worker } from 'node:worker_threads'
import { FileError, type FileIssue } from '../errors/file-error.js'
import { readScenario } from './resolve-scenario.js'
import type { Scenario } from './scenario-spec.js'

/** A parse that takes longer than this is given up, as a problem of the file. */
const PARSE_TIMEOUT_MS = 60_000
/** A parse that needs more heap than this is given up too: the server's memory stays bounded. */
const PARSE_HEAP_MB = 160

// Beside this module once built; from the sources (tests), the built copy.
const WORKER_CANDIDATES = ['./scenario-worker.js', '../../dist/scenarios/scenario-worker.js']

/**
 * Reads and parses a scenario file in a worker thread: a 5 MB file takes seconds to parse, and
 * the event loop keeps serving meanwhile. Rejects with the file's `FileError`. Without a built
 * worker script (the sources run alone), it parses here instead.
 */
export function readScenarioOffThread(path: string, source: string): Promise<Scenario> {
  const script = workerScript()
  if (script === undefined) return Promise.resolve().then(() => readScenario(path, source))
  return new Promise((resolve, reject) => {
    const worker = new Worker(script, {
      workerData: { path, source },
      resourceLimits: { maxOldGenerationSizeMb: PARSE_HEAP_MB },
    })
    const fail = (message: string) =>
      reject(new FileError([{ file: source, line: 1, column: 1, message }]))
    const timer = setTimeout(() => {
      void worker.terminate()
      fail(`took longer than ${PARSE_TIMEOUT_MS / 1000} s to parse; make the file smaller`)
    }, PARSE_TIMEOUT_MS)
    worker.once('message', (answer: { scenario?: Scenario; issues?: FileIssue[] }) => {
      clearTimeout(timer)
      if (answer.scenario) resolve(answer.scenario)
      else reject(new FileError(answer.issues ?? []))
      void worker.terminate()
    })
    worker.once('error', (error) => {
      clearTimeout(timer)
      const reason =
        (error as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? `needs more than ${PARSE_HEAP_MB} MB to parse; make the file smaller`
          : `cannot be parsed: ${error.message}`
      fail(reason)
    })
  })
}

function workerScript(): URL | undefined {
  for (const candidate of WORKER_CANDIDATES) {
    const url = new URL(candidate, import.meta.url)
    if (existsSync(fileURLToPath(url))) return url
  }
  return undefined
}
