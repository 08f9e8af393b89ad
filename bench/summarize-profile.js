// A `.cpuprofile` (what `node --cpu-prof` writes) reduced to self time per function within a time
// window, as a share of the busy time, and printed as a Markdown table.
import { fileURLToPath } from 'node:url'

const ROOT = fileURLToPath(new URL('..', import.meta.url))

/** A script's URL as the table shows it: src/… or dist/…, hono/…, node:…; '' for V8's own. */
export function shortFile(url) {
  if (url === '' || url.startsWith('node:')) return url
  const path = url.startsWith('file://') ? fileURLToPath(url) : url
  const modules = path.lastIndexOf('/node_modules/')
  if (modules >= 0) return path.slice(modules + '/node_modules/'.length)
  if (path.startsWith(ROOT)) return path.slice(ROOT.length)
  return path
}

/**
 * Self time in µs per function name + file, from the samples taken between `from` and `to`
 * (µs on the profile's clock, which is the machine's monotonic clock, as process.hrtime's).
 * A sample lasts until the next one. `(idle)` is kept apart as `idle`, the rest sums to `busy`.
 */
export function selfTimes(profile, from = -Infinity, to = Infinity) {
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]))
  const { samples, timeDeltas } = profile
  const self = new Map()
  let idle = 0
  let busy = 0
  let at = profile.startTime
  for (let i = 0; i < samples.length; i++) {
    at += timeDeltas[i] ?? 0
    const lasted = timeDeltas[i + 1] ?? 0
    if (at < from || at > to) continue
    const frame = nodes.get(samples[i])?.callFrame
    if (frame === undefined) continue
    if (frame.functionName === '(idle)') {
      idle += lasted
      continue
    }
    busy += lasted
    const key = `${frame.functionName || '(anonymous)'}\t${shortFile(frame.url)}`
    self.set(key, (self.get(key) ?? 0) + lasted)
  }
  const items = [...self].map(([key, micros]) => {
    const [name = '', file = ''] = key.split('\t')
    return { name, file, micros }
  })
  items.sort((a, b) => b.micros - a.micros)
  return { items, busy, idle }
}

/** The top `top` items as a Markdown table: self time as a share of busy time. */
export function formatTop({ items, busy }, top) {
  const lines = ['| self | function | file |', '|---:|---|---|']
  for (const { name, file, micros } of items.slice(0, top)) {
    const share = busy > 0 ? ((100 * micros) / busy).toFixed(1) : '0.0'
    const where = file === '' ? (name.startsWith('(') ? '' : '(native)') : `\`${file}\``
    lines.push(`| ${share}% | \`${name}\` | ${where} |`)
  }
  return lines.join('\n')
}
