import { execFile } from 'node:child_process'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { expect, it } from 'vitest'
import { REPO, runIn, usePackedPackage } from './packed-project.test-support.js'

// The package as a user gets it: packed, installed from the tarball into a project of its own.

const packed = usePackedPackage()

it('the tarball holds LICENSE, and no source map without its source', async () => {
  const { stdout } = await promisify(execFile)('tar', ['-tzf', packed().tarball])
  const files = stdout.trim().split('\n')
  expect(files).toContain('package/LICENSE')
  expect(files).toContain('package/dist/cjs/index.cjs')
  const maps = files.filter((file) => file.endsWith('.map'))
  const sources = files.filter((file) => /^package\/src\/.*\.ts$/.test(file))
  expect(maps.length === 0 || sources.length > 0).toBe(true)
})

it('vitest is an optional peer dependency, not installed with the package', async () => {
  const manifest = (await import(join(REPO, 'package.json'), { with: { type: 'json' } }))
    .default as {
    peerDependencies?: Record<string, string>
    peerDependenciesMeta?: Record<string, { optional?: boolean }>
  }
  expect(manifest.peerDependencies?.vitest).toBeDefined()
  expect(manifest.peerDependenciesMeta?.vitest?.optional).toBe(true)
})

it('a plain .cjs script requires both entries', async () => {
  const dir = await packed().project('cjs-script', {
    'check.cjs': `const { startMockApi } = require('@mockapi-dev/mockapi')
const vitestEntry = require('@mockapi-dev/mockapi/vitest')

async function main() {
  const api = await startMockApi({ port: 0, scenarios: ['notfound'] })
  const res = await fetch(api.url + '/users/1', { headers: { Authorization: 'Bearer dev-token' } })
  const body = await res.json()
  await api.close()
  console.log(JSON.stringify({ status: res.status, message: body.message, vitest: Object.keys(vitestEntry).sort() }))
}
main().catch((error) => { console.error(error); process.exit(1) })
`,
  })
  const { code, output } = await runIn(dir, process.execPath, ['check.cjs'])
  expect(code, output).toBe(0)
  const line = output.split('\n').find((l) => l.startsWith('{')) ?? '{}'
  expect(JSON.parse(line)).toEqual({
    status: 404,
    message: expect.stringContaining('No such record'),
    vitest: ['createMockApiTest', 'mockApiGlobalSetup', 'mockApiMatchers', 'test'],
  })
})

it('a default-config (CommonJS) Jest project uses the package', async () => {
  const dir = await packed().project('jest-default', {
    'package.json': '{ "name": "jest-default", "private": true, "scripts": { "test": "jest" } }\n',
    'mockapi.test.js': `const { startMockApi } = require('@mockapi-dev/mockapi')

let api
beforeAll(async () => { api = await startMockApi({ port: 0, seed: 1 }) })
afterAll(() => api.close())

test('a scenario injects the 503 the client must handle', async () => {
  await api.useScenarios(['unavailable'])
  const res = await fetch(api.url + '/tasks', { headers: { Authorization: 'Bearer dev-token' } })
  expect(res.status).toBe(503)
})
`,
  })
  const jest = join(REPO, 'node_modules', 'jest', 'bin', 'jest.js')
  const { code, output } = await runIn(dir, process.execPath, [jest, '--ci'])
  expect(code, output).toBe(0)
  expect(output).toMatch(/Tests:\s+1 passed/)
})

it('a TypeScript project compiled to CommonJS type-checks against the require types', async () => {
  const dir = await packed().project('ts-commonjs', {
    'package.json': '{ "name": "ts-commonjs", "private": true, "type": "commonjs" }\n',
    'tsconfig.json': JSON.stringify({
      compilerOptions: {
        module: 'node16',
        moduleResolution: 'node16',
        strict: true,
        noEmit: true,
        skipLibCheck: true,
        types: ['node'],
      },
      include: ['start.ts'],
    }),
    'start.ts': `import { startMockApi, type RunningMockApi } from '@mockapi-dev/mockapi'

export async function start(): Promise<RunningMockApi> {
  const api = await startMockApi({ port: 0, retryAfter: 1 })
  api.handle('POST', '/auth/login', () => ({ token: 'dev-token' }), { auth: false })
  return api
}
`,
  })
  const tsc = join(REPO, 'node_modules', 'typescript', 'bin', 'tsc')
  const { code, output } = await runIn(dir, process.execPath, [tsc, '-p', '.'])
  expect(code, output).toBe(0)
})
