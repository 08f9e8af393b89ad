// Reliability figures docs/reliability.md quotes: SIGTERM under load, a 100 MB chunked body, a billion-
// laughs config. Each prints one line. `npm run build` first; run with `node bench/reliability.js`.
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { Agent, request } from 'node:http'
import { connect } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { readMemory, sleep, startServer, stopServer } from './lib.js'

const BIN = new URL('../bin/mockapi.js', import.meta.url).pathname
const CORE = [BIN, '--port', '0', '--ready-json', '--quiet', '--no-auth', '--rate-limit', 'off']

function get(url, agent, headers = {}) {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent, headers }, (res) => {
      res.resume()
      res.on('end', () => resolve(res.statusCode))
    })
    req.on('error', reject)
    req.end()
  })
}

async function sigtermUnderLoad() {
  const server = await startServer(CORE)
  const agent = new Agent({ keepAlive: true, maxSockets: 50 })
  const held = { prefer: 'delay=500' }
  const replies = Array.from({ length: 50 }, (_, i) =>
    get(`${server.url}/users/1`, agent, i % 2 ? {} : held).catch((error) => error.code),
  )
  await sleep(200)
  const signalled = performance.now()
  const code = await stopServer(server)
  const ms = performance.now() - signalled
  const ok = (await Promise.all(replies)).filter((status) => status === 200).length
  agent.destroy()
  return `SIGTERM under load: 50 keep-alive requests (25 held 500 ms), ${ok}/50 answered 200, exit ${code} ${ms.toFixed(0)} ms after the signal`
}

/** Sends up to 100 MB as chunks to POST /users; resolves to the status line's code. */
function sendEndlessBody(port) {
  let sent = 0
  const status = new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1')
    let answer = ''
    socket.on('data', (data) => {
      answer += data
      if (!answer.includes('\r\n\r\n')) return
      resolve(answer.slice(9, 12))
      socket.destroy()
    })
    socket.on('error', () => resolve(answer.slice(9, 12) || 'reset'))
    socket.write(
      'POST /users HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n',
    )
    const chunk = `10000\r\n${'a'.repeat(0x10000)}\r\n`
    const pump = () => {
      while (sent < 100 * 1024 * 1024 && !socket.destroyed) {
        sent += 0x10000
        if (!socket.write(chunk)) return void socket.once('drain', pump)
      }
    }
    pump()
  })
  return status.then((code) => ({ code, sent }))
}

async function hugeChunkedBody() {
  const server = await startServer(CORE)
  await get(`${server.url}/users/1`, new Agent())
  const before = readMemory(server.pid).rssMb
  const started = performance.now()
  const { code, sent } = await sendEndlessBody(Number(new URL(server.url).port))
  const ms = performance.now() - started
  await sleep(300)
  const after = readMemory(server.pid).rssMb
  await stopServer(server)
  return `100 MB chunked body: ${code} after ${ms.toFixed(0)} ms, ${(sent / 1048576).toFixed(1)} MB sent by then; server RSS ${before.toFixed(0)} → ${after.toFixed(0)} MB`
}

async function billionLaughs() {
  const dir = mkdtempSync(join(tmpdir(), 'mockapi-laughs-'))
  const file = join(dir, 'laughs.yaml')
  const names = 'abcdefghi'
  const lines = [`a: &a [${Array(9).fill('"lol"').join(',')}]`]
  for (let i = 1; i < names.length; i++) {
    lines.push(
      `${names[i]}: &${names[i]} [${Array(9)
        .fill(`*${names[i - 1]}`)
        .join(',')}]`,
    )
  }
  writeFileSync(file, `${lines.join('\n')}\n`)
  const started = performance.now()
  // The child prints its own peak RSS (KB) as the last line of stderr when it exits.
  const peak = `data:text/javascript,process.on('exit',()=>process.stderr.write('\\n'+process.resourceUsage().maxRSS))`
  const child = spawn(process.execPath, ['--import', peak, BIN, '--config', file])
  let stderr = ''
  child.stderr.on('data', (data) => {
    stderr += data
  })
  const code = await new Promise((resolve) => child.on('close', resolve))
  const ms = performance.now() - started
  const size = statSync(file).size
  rmSync(dir, { recursive: true, force: true })
  const peakMb = Number(stderr.trim().split('\n').at(-1)) / 1024
  return `billion laughs (${size} bytes, 9^9 strings if expanded): exit ${code} in ${ms.toFixed(0)} ms, peak RSS ${peakMb.toFixed(0)} MB: ${stderr.split('\n')[0]}`
}

for (const figure of [sigtermUnderLoad, hugeChunkedBody, billionLaughs]) {
  console.log(await figure())
}
