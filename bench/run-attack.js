// Runs one attack of bench/attacks.js against a fresh CLI process and measures it.
import { spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { startProbe } from './attack-probe.js'
import { runToExit } from './attacks.js'

const BIN = new URL('../bin/mockapi.js', import.meta.url).pathname

/** Peak resident memory of a live process so far (VmHWM), in MB. */
function peakMb(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8')
    return Math.round(Number(/^VmHWM:\s+(\d+) kB/m.exec(status)?.[1]) / 1024)
  } catch {
    return Number.NaN
  }
}

/** Starts the CLI in `cwd`; resolves with the child and its URL (from the ready line or banner). */
function serve(args, cwd, closeStdout) {
  const flags = closeStdout ? ['--port', '0'] : ['--port', '0', '--ready-json']
  const child = spawn(process.execPath, [BIN, ...flags, ...args], {
    cwd,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  child.stderr.resume()
  return new Promise((resolve, reject) => {
    let out = ''
    const timer = setTimeout(() => reject(new Error('no URL within 60 s')), 60_000)
    child.once('exit', (code) => reject(new Error(`exited early with ${code}`)))
    child.stdout.on('data', (chunk) => {
      out += chunk
      const url = closeStdout
        ? /http:\/\/[\d.:]+/.exec(out)?.[0]
        : out.includes('\n') && JSON.parse(out.split('\n')[0]).url
      if (!url) return
      clearTimeout(timer)
      child.removeAllListeners('exit')
      // `| head -1`: the reader goes away after the first line.
      if (closeStdout) child.stdout.destroy()
      else child.stdout.resume()
      resolve({ child, url })
    })
  })
}

function stop(child) {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve()
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000)
    child.once('exit', () => {
      clearTimeout(timer)
      resolve()
    })
    child.kill('SIGTERM')
  })
}

/**
 * `{ name, peakMb, stallMs, survived, note }`: the server's peak RSS over the attack, the longest
 * wait of a health probe running beside it, and whether it still answers health afterwards. For a
 * file the CLI must refuse: survived means it exited 2 with a one-line reason within 10 s.
 */
export async function runAttack(attack, scale) {
  if (attack.refuse) {
    const { cwd, args } = attack.refuse()
    const { code, line, ms } = await runToExit(args, cwd)
    return {
      name: attack.name,
      peakMb: undefined,
      stallMs: ms,
      survived: code === 2,
      note: `exit ${code}: ${line}`,
    }
  }
  const cwd = attack.cwd ? attack.cwd() : tmpdir()
  const { child, url } = await serve(attack.args(), cwd, attack.closeStdout === true)
  const probe = startProbe(`${url}/__mockapi/health`)
  let note = ''
  try {
    note = await attack.run(url, scale)
  } catch (error) {
    note = `attack failed: ${error.message}`
  }
  const { longest, failures } = await probe.stop()
  const healthy = await fetch(`${url}/__mockapi/health`, {
    signal: AbortSignal.timeout(5000),
  }).then(
    (res) => res.status === 200,
    () => false,
  )
  const peak = peakMb(child.pid)
  const alive = child.exitCode === null && child.signalCode === null
  await stop(child)
  return {
    name: attack.name,
    peakMb: peak,
    stallMs: longest,
    survived: alive && healthy && failures === 0,
    note,
  }
}
