import { closeSync, constants, fstatSync, openSync, readSync, type Stats, statSync } from 'node:fs'

/** The largest config or scenario file read: far above any real one, far below a stall. */
export const MAX_CONFIG_BYTES = 5 * 1024 * 1024
export const MAX_SCENARIO_BYTES = 5 * 1024 * 1024
/** The largest OpenAPI document read. */
export const MAX_OPENAPI_BYTES = 64 * 1024 * 1024

/**
 * Reads a UTF-8 text file that must be, once symlinks are followed (as Kubernetes ConfigMap
 * mounts use them), a regular file of at most `maxBytes`. A FIFO, a device (`/dev/zero`), a
 * folder, a symlink loop or a file too large is refused with an `Error` saying why — it never
 * blocks, and never reads more than `maxBytes`. The file is opened non-blocking and checked again
 * once open, so one swapped for a FIFO between the two checks cannot hang the process either.
 *
 * @example
 * readFileSafely('openapi.yaml', MAX_OPENAPI_BYTES) // the text, or throws "is 80 MB, over …"
 */
export function readFileSafely(path: string, maxBytes: number): string {
  checkStats(statSync(path), maxBytes)
  const fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK)
  try {
    const stats = fstatSync(fd)
    checkStats(stats, maxBytes)
    // One byte more than allowed, to see a file that grew since it was checked.
    const buffer = Buffer.alloc(Math.min(stats.size, maxBytes) + 1)
    let length = 0
    for (;;) {
      const read = readSync(fd, buffer, length, buffer.length - length, null)
      if (read === 0) break
      length += read
      if (length === buffer.length) break
    }
    if (length > maxBytes) throw new Error(`it grew past the ${describeBytes(maxBytes)} limit`)
    return buffer.toString('utf8', 0, length)
  } finally {
    closeSync(fd)
  }
}

function checkStats(stats: Stats, maxBytes: number): void {
  if (!stats.isFile()) throw new Error(`it is ${kindOf(stats)}, not a regular file`)
  if (stats.size > maxBytes) {
    throw new Error(`it is ${describeBytes(stats.size)}, over the ${describeBytes(maxBytes)} limit`)
  }
}

function kindOf(stats: Stats): string {
  if (stats.isDirectory()) return 'a folder'
  if (stats.isFIFO()) return 'a FIFO (named pipe)'
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'a device'
  if (stats.isSocket()) return 'a socket'
  return 'not a file'
}

/** `5 MB`, `64 MB`, `1.5 KB`: sizes in units of 1024, as the limits are set. */
export function describeBytes(bytes: number): string {
  const units = ['bytes', 'KB', 'MB', 'GB'] as const
  let value = bytes
  let unit = 0
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024
    unit += 1
  }
  const shown = Number.isInteger(value) ? String(value) : value.toFixed(1)
  return `${shown} ${units[unit]}`
}

/** Why a file cannot be read, in a sentence: the system's reason, or `readFileSafely`'s. */
export function readFailure(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code
  if (code === 'ELOOP') return 'it is a symlink loop'
  return error instanceof Error ? error.message : String(error)
}
