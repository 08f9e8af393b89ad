import { readdirSync, readFileSync } from 'node:fs'

/**
 * The processes still running whose environment holds `marker` (`NAME=value`): what a docs example
 * started and did not stop. Linux only (reads /proc); elsewhere, none.
 */
export function leftoverProcesses(marker: string): number[] {
  let pids: string[]
  try {
    pids = readdirSync('/proc').filter((name) => /^\d+$/.test(name))
  } catch {
    return []
  }
  return pids.flatMap((pid) => {
    try {
      const environ = readFileSync(`/proc/${pid}/environ`, 'latin1').split('\0')
      return environ.includes(marker) ? [Number(pid)] : []
    } catch {
      return [] // ended meanwhile, or not ours to read
    }
  })
}
