// A health probe in a worker thread of its own, so the attacker's busy event loop does not count
// as the server's stall: it asks GET /__mockapi/health every 50 ms and keeps the longest wait.
import { parentPort, Worker, workerData } from 'node:worker_threads'

if (parentPort && workerData?.probe) {
  const { url } = workerData
  let longest = 0
  let failures = 0
  let running = true
  parentPort.on('message', () => {
    running = false
  })
  while (running) {
    const started = performance.now()
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(30_000) })
      await res.arrayBuffer()
      if (res.status !== 200) failures += 1
    } catch {
      failures += 1
    }
    longest = Math.max(longest, performance.now() - started)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  parentPort.postMessage({ longest, failures })
}

/** Starts probing `url`; `stop()` resolves to the longest wait in ms and the failed probes. */
export function startProbe(url) {
  const worker = new Worker(new URL(import.meta.url), { workerData: { probe: true, url } })
  return {
    stop: () =>
      new Promise((resolve) => {
        worker.once('message', (result) => {
          void worker.terminate()
          resolve(result)
        })
        worker.postMessage('stop')
      }),
  }
}
