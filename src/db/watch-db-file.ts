import { type FSWatcher, statSync, watch } from 'node:fs'
import { basename, dirname, resolve } from 'node:path'

/** Editors save in bursts (write, rename, chmod); one reload per burst. */
const SETTLE_MS = 100

export interface WatchDbOptions {
  readonly file: string
  /** Whether the file as it is now is the instance's own write (`--persist`): not reloaded. */
  readonly isOwnWrite: () => boolean
  /** Reads the file again and serves it; throws when it cannot (the last good data stays). */
  readonly reload: () => void
  readonly onError: (error: unknown) => void
}

/**
 * Reloads a data file edited while served, as scenario files are: its folder is watched rather
 * than the file, so an editor that saves by renaming a new file over the old one is seen too; a
 * change is a new size, modification time or inode. Returns `unwatch`.
 */
export function watchDbFile(options: WatchDbOptions): () => void {
  const path = resolve(options.file)
  let seen = stampOf(path)
  let timer: NodeJS.Timeout | undefined
  const settle = () => {
    timer = undefined
    const stamp = stampOf(path)
    if (stamp === seen || stamp === undefined) return
    seen = stamp
    if (options.isOwnWrite()) return
    try {
      options.reload()
    } catch (error) {
      options.onError(error)
    }
  }
  let watcher: FSWatcher | undefined
  try {
    watcher = watch(dirname(path), (_event, name) => {
      if (name !== null && name !== basename(path)) return
      if (timer === undefined) timer = setTimeout(settle, SETTLE_MS)
    })
    watcher.unref()
  } catch (error) {
    options.onError(error)
  }
  return () => {
    watcher?.close()
    if (timer !== undefined) clearTimeout(timer)
  }
}

function stampOf(path: string): string | undefined {
  try {
    const { mtimeMs, size, ino } = statSync(path)
    return `${mtimeMs}:${size}:${ino}`
  } catch {
    return undefined
  }
}
