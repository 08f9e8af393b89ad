import { parentPort, workerData } from 'node:worker_threads'
import { isFileError } from '../errors/file-error.js'
import { readScenario } from './resolve-scenario.js'

// A worker thread's entry: reads and parses one scenario file, so that a large one never stalls
// the server's event loop. Answers `{ scenario }` or `{ issues }`.
const { path, source } = workerData as { readonly path: string; readonly source: string }
try {
  parentPort?.postMessage({ scenario: readScenario(path, source) })
} catch (error) {
  const issues = isFileError(error)
    ? error.issues
    : [{ file: source, line: 1, column: 1, message: String(error) }]
  parentPort?.postMessage({ issues })
}
