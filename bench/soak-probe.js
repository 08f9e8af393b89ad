// Preloaded into the server by bench/soak.js (`node --import ./bench/soak-probe.js bin/mockapi.js`):
// on SIGUSR2 it appends one JSON line to $MOCKAPI_SOAK_PROBE with the process's memory and its
// event-loop delay. No forced GC: its pause would show up as event-loop delay, and the server
// should be measured as it runs. The server's own code knows nothing of the probe.
import { appendFileSync } from 'node:fs'
import { monitorEventLoopDelay } from 'node:perf_hooks'

const file = process.env.MOCKAPI_SOAK_PROBE

if (file) {
  const delay = monitorEventLoopDelay({ resolution: 5 })
  delay.enable()
  let reports = 0
  const ms = (ns) => Math.round(ns / 1e4) / 100
  process.on('SIGUSR2', () => {
    const { rss, heapUsed, external, arrayBuffers } = process.memoryUsage()
    const line = {
      at: Date.now(),
      rssMb: rss / 2 ** 20,
      heapUsedMb: heapUsed / 2 ** 20,
      externalMb: (external + arrayBuffers) / 2 ** 20,
      // Since the first report, which the soak asks for when its warm-up ends.
      delay: { p50: ms(delay.percentile(50)), p99: ms(delay.percentile(99)), max: ms(delay.max) },
    }
    if (reports++ === 0) delay.reset()
    appendFileSync(file, `${JSON.stringify(line)}\n`)
  })
}
