import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { validate } from 'dockerfile-utils'
import { describe, expect, test } from 'vitest'
import { parseCliArgs } from '../../src/cli/parse-cli-args.js'
import { ROOT, readDockerfile } from './read-dockerfile.test-support.js'

// What the issue asks of the image, read from the Dockerfile itself. `npm run test:docker` builds
// and runs it for real (podman); container-smoke.test.ts replays its runtime stage.
const dockerfile = readDockerfile()
const [build, runtime] = dockerfile.stages
if (build === undefined || runtime === undefined) throw new Error('expected two stages')
const runs = (stage: typeof build) =>
  stage.steps.flatMap((step) => (step.kind === 'run' ? [step.command] : []))

// DiagnosticSeverity: 1 error, 2 warning, 3 information, 4 hint.
const problems = (text: string) => validate(text).filter((d) => (d.severity ?? 1) <= 2)

describe('the Dockerfile', () => {
  test('has no problem at warning level or above for dockerfile-utils', () => {
    expect(problems(dockerfile.text).map((d) => `${d.range.start.line + 1}: ${d.message}`)).toEqual(
      [],
    )
  })

  test('the lint does report a broken Dockerfile', () => {
    expect(
      problems('FROM node:20-bookworm-slim\nEXPOSE port\nHEALTHCHECK --interval CMD x\n'),
    ).not.toHaveLength(0)
  })

  test('builds in two stages, both from ARG NODE_IMAGE, a Debian (bookworm) Node 20 slim image', () => {
    expect(dockerfile.args.NODE_IMAGE).toBe('node:20-bookworm-slim')
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the Dockerfile's own syntax
    const fromArg = '${NODE_IMAGE}'
    expect(dockerfile.stages.map((s) => [s.name, s.image])).toEqual([
      ['build', fromArg],
      ['runtime', fromArg],
    ])
  })

  test('compiles in the build stage and never installs mockapi from a registry', () => {
    expect(runs(build).join('\n')).toMatch(/npm run build/)
    expect(dockerfile.text).not.toMatch(/npm (install|i) (-g|--global)/)
  })

  test('installs production dependencies only in the runtime stage, and copies built files', () => {
    const installs = runs(runtime).filter((command) => /\bnpm\b/.test(command))
    expect(installs).toHaveLength(1)
    expect(installs[0]).toMatch(/^npm ci --omit=dev --ignore-scripts\b/)
    const copied = runtime.steps.flatMap((s) => (s.kind === 'copy' ? [s.copy] : []))
    expect(copied.filter((c) => c.from === undefined).flatMap((c) => c.sources)).toEqual([
      'package.json',
      'package-lock.json',
    ])
    expect(copied.filter((c) => c.from === 'build').flatMap((c) => c.sources)).toEqual([
      '/app/dist',
      '/app/bin',
      '/app/schema',
      '/app/scenarios',
    ])
  })

  test('runs as a non-root user, exposes 4000 and listens on 0.0.0.0', () => {
    expect(runtime.user).toBe('node')
    expect(runtime.expose).toEqual(['4000'])
    expect(runtime.env.HOST).toBe('0.0.0.0')
  })

  test('starts node itself in exec form, so that it is PID 1 and gets SIGTERM', () => {
    expect(runtime.entrypoint?.[0]).toBe('node')
    expect(runtime.entrypoint?.[1]).toMatch(/^\/app\/bin\/mockapi\.js$/)
    expect(runtime.cmd).toBeUndefined()
  })

  test('checks its health on /__mockapi/health with node, not curl', () => {
    const command = runtime.healthcheck?.command
    expect(Array.isArray(command)).toBe(true)
    const [program, ...args] = command as string[]
    expect(program).toBe('node')
    expect(args.join(' ')).toMatch(/\/__mockapi\/health/)
    expect(JSON.stringify(command)).not.toMatch(/\b(curl|wget)\b/)
    expect(Object.keys(runtime.healthcheck?.flags ?? {})).toEqual(
      expect.arrayContaining(['interval', 'timeout', 'retries']),
    )
  })

  test('probes every second without --start-interval, which buildah 1.28 refuses', () => {
    const flags = runtime.healthcheck?.flags ?? {}
    expect(flags.interval).toBe('1s')
    expect(Object.keys(flags)).not.toContain('start-interval')
    // The port may come from a flag the probe cannot see: it reads the URL the server wrote.
    expect(runtime.env.MOCKAPI_URL_FILE).toMatch(/^\/tmp\//)
    expect(JSON.stringify(runtime.healthcheck?.command)).toContain('MOCKAPI_URL_FILE')
  })

  test('serves any Host name, since a container is reached by names it cannot know', () => {
    expect(runtime.env.MOCKAPI_ALLOWED_HOSTS).toBe('*')
    expect(parseCliArgs([], runtime.env)).toMatchObject({ allowedHosts: '*' })
  })

  test('carries the OCI labels, with the package licence', () => {
    const { license } = JSON.parse(readFileSync(resolve(ROOT, 'package.json'), 'utf8'))
    expect(runtime.labels).toMatchObject({
      'org.opencontainers.image.title': 'mockapi',
      'org.opencontainers.image.licenses': license,
    })
    expect(runtime.labels['org.opencontainers.image.description']).toMatch(/mock/)
  })

  test('makes /scenarios the scenario folder and /config the working folder', () => {
    expect(runtime.env.MOCKAPI_SCENARIOS_DIR).toBe('/scenarios')
    expect(runtime.workdir).toBe('/config')
    expect(runs(runtime).join('\n')).toMatch(/mkdir -p \/scenarios \/config/)
  })
})

describe("the image's environment, read by the CLI", () => {
  test('serves on 0.0.0.0:4000 with scenario names looked up in /scenarios', () => {
    const flags = parseCliArgs([], runtime.env)
    expect(flags).toMatchObject({ kind: 'serve', host: '0.0.0.0', port: 4000 })
    expect(flags).toMatchObject({ scenariosDir: '/scenarios' })
  })

  test('HOST gives way to MOCKAPI_HOST and to --host', () => {
    const env = { ...runtime.env, MOCKAPI_HOST: '127.0.0.1' }
    expect(parseCliArgs([], env)).toMatchObject({ host: '127.0.0.1' })
    expect(parseCliArgs(['--host', '::1'], runtime.env)).toMatchObject({ host: '::1' })
    expect(parseCliArgs([], {})).toMatchObject({ host: '127.0.0.1' })
  })

  test('a HOST that is a machine name, as tcsh exports it, leaves the default loopback', () => {
    expect(parseCliArgs([], { HOST: 'build-box' })).toMatchObject({ host: '127.0.0.1' })
  })
})

describe('.dockerignore', () => {
  const ignored = readFileSync(resolve(ROOT, '.dockerignore'), 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))

  test('keeps installed and built output, git and tests out of the build context', () => {
    expect(ignored).toEqual(expect.arrayContaining(['node_modules', 'dist', '.git', 'test']))
  })

  test('lets through everything the build stage needs', () => {
    for (const needed of ['src', 'bin', 'schema', 'scenarios', 'package.json', 'tsconfig.json']) {
      expect(ignored).not.toContain(needed)
    }
  })
})
