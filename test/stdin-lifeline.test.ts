import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { fileURLToPath } from 'node:url'
import { afterEach, expect, it } from 'vitest'

// A server started with --ready-json whose stdin is a pipe stops when the pipe closes, so a test
// runner that dies never leaves a server behind; a terminal or /dev/null stdin changes nothing.

const BIN = fileURLToPath(new URL('../bin/mockapi.js', import.meta.url))
const started = new Set<ReturnType<typeof spawn>>()

afterEach(() => {
  for (const child of started) if (child.exitCode === null) child.kill('SIGKILL')
  started.clear()
})

async function start(args: string[], stdin: 'pipe' | 'ignore') {
  const child = spawn(process.execPath, [BIN, '--port', '0', '--quiet', ...args], {
    stdio: [stdin, 'pipe', 'pipe'],
  })
  started.add(child)
  let out = ''
  child.stdout?.setEncoding('utf8')
  while (!out.includes('\n')) {
    const [chunk] = (await once(child.stdout ?? child, 'data')) as [string]
    out += chunk
  }
  const { url } = JSON.parse(out.split('\n')[0] ?? '{}') as { url: string }
  return { child, url }
}

it('--ready-json with a piped stdin: closing the pipe stops the server (exit 0)', async () => {
  const { child, url } = await start(['--ready-json'], 'pipe')
  expect((await fetch(`${url}/__mockapi/health`)).status).toBe(200)
  const exited = once(child, 'exit')
  child.stdin?.end()
  const [code] = await exited
  expect(code).toBe(0)
  await expect(fetch(`${url}/__mockapi/health`)).rejects.toThrow()
})

it('--ready-json with stdin from /dev/null keeps serving (docker run without -i)', async () => {
  const { child, url } = await start(['--ready-json'], 'ignore')
  await new Promise((resolve) => setTimeout(resolve, 300))
  expect(child.exitCode).toBe(null)
  expect((await fetch(`${url}/__mockapi/health`)).status).toBe(200)
})

it('without --ready-json, closing a piped stdin does not stop the server', async () => {
  const child = spawn(process.execPath, [BIN, '--port', '0'], { stdio: ['pipe', 'pipe', 'pipe'] })
  started.add(child)
  child.stdout.setEncoding('utf8')
  let out = ''
  while (!/http:\/\/127\.0\.0\.1:\d+/.test(out)) {
    const [chunk] = (await once(child.stdout, 'data')) as [string]
    out += chunk
  }
  const url = /http:\/\/127\.0\.0\.1:\d+/.exec(out)?.[0] ?? ''
  child.stdin.end()
  await new Promise((resolve) => setTimeout(resolve, 300))
  expect(child.exitCode).toBe(null)
  expect((await fetch(`${url}/__mockapi/health`)).status).toBe(200)
})
