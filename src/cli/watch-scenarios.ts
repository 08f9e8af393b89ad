import { type FSWatcher, statSync, watch } from 'node:fs'
import { basename, dirname, resolve } from 'node:path'
import { formatFileIssue, isFileError } from '../errors/file-error.js'
import type { MockApi } from '../mock-api.js'
import { readScenarioOffThread } from '../scenarios/read-scenario-off-thread.js'

/** Editors save in bursts (write, rename, chmod); one reload per burst. */
const SETTLE_MS = 100

/**
 * Reloads the scenarios when one of their files changes (built-ins never change). A good edit
 * takes over at once, with fresh counters; a bad one is reported with its file, line and column,
 * and the last good version stays in force. The folders are watched rather than the files, so
 * editors that save by renaming a new file over the old one are seen too. A change is a new size,
 * modification time or inode (a `stat`, which never blocks, even on a FIFO); changed files are
 * parsed in a worker thread, so a large one never stalls the requests being served. Returns
 * `unwatch`.
 */
export function watchScenarios(
  api: MockApi,
  options: { readonly cwd: string; readonly say: (text: string) => void },
): () => void {
  const { cwd, say } = options
  const files = api
    .settings()
    .scenarios.map((s) => s.source)
    .filter((source) => !source.startsWith('builtin:'))
  const texts = new Map(files.map((file) => [resolve(cwd, file), versionOf(resolve(cwd, file))]))
  let timer: NodeJS.Timeout | undefined

  const reload = async () => {
    const changed = [...texts].filter(([path, version]) => versionOf(path) !== version)
    if (changed.length === 0) return
    const versions = changed.map(([path]) => [path, versionOf(path)] as const)
    const shown = changed.map(([path]) => files.find((f) => resolve(cwd, f) === path) ?? path)
    try {
      // The scenarios in force, each changed file read again off the event loop.
      const fresh = api.settings().scenarios.map((scenario) => {
        const path = resolve(cwd, scenario.source)
        const isChanged = !scenario.source.startsWith('builtin:') && texts.has(path)
        return isChanged && changed.some(([p]) => p === path)
          ? readScenarioOffThread(path, scenario.source)
          : scenario
      })
      await api.useScenarios(await Promise.all(fresh))
      for (const [path, version] of versions) texts.set(path, version)
      say(`mockapi: reloaded ${shown.join(', ')}\n`)
      say(scenarioWarnings(api))
    } catch (error) {
      if (!isFileError(error)) throw error
      const issues = error.issues.map(formatFileIssue).join('\n')
      say(`mockapi: ${shown.join(', ')} not reloaded, the last good version stays:\n${issues}\n`)
      // Report this version once; the next edit is judged afresh.
      for (const [path, version] of versions) texts.set(path, version)
    }
  }

  const watchers: FSWatcher[] = []
  for (const dir of new Set([...texts.keys()].map((path) => dirname(path)))) {
    const names = new Set(
      [...texts.keys()].filter((p) => dirname(p) === dir).map((p) => basename(p)),
    )
    try {
      const watcher = watch(dir, (_event, name) => {
        if (name !== null && !names.has(name.toString())) return
        clearTimeout(timer)
        timer = setTimeout(
          () => void reload().catch((error: unknown) => say(`mockapi: ${error}\n`)),
          SETTLE_MS,
        )
      })
      watcher.on('error', () => watcher.close())
      watchers.push(watcher)
    } catch {
      // A folder that cannot be watched: the scenario simply does not reload.
    }
  }
  return () => {
    clearTimeout(timer)
    for (const watcher of watchers) watcher.close()
  }
}

function versionOf(path: string): string | undefined {
  try {
    const stats = statSync(path)
    return `${stats.ino}:${stats.size}:${stats.mtimeMs}`
  } catch {
    return undefined
  }
}

/** The warnings of the scenarios in force (a `name:` unlike the file's), one line each, or ''. */
export function scenarioWarnings(api: MockApi): string {
  const warnings = api.settings().scenarios.flatMap((scenario) => scenario.warnings ?? [])
  return warnings.map((issue) => `${formatFileIssue(issue)}\n`).join('')
}
