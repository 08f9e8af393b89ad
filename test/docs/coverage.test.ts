import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'
import { HELP_TEXT } from '../../src/cli/help-text.js'
import { FLAGS } from '../../src/cli/parse-cli-args.js'
import { injectedError } from '../../src/scenarios/injected-error.js'
import { docPages, ROOT } from './extract-blocks.test-support.js'

const docs = docPages()
  .filter((page) => page.startsWith('docs/'))
  .map((page) => readFileSync(join(ROOT, page), 'utf8'))
  .join('\n')

/** True when `word` appears in docs/ inside a code span: `word`, `401 word`, `--word N`. */
function documented(word: string): boolean {
  const escaped = word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  return new RegExp(`\`[^\`\\n]*(?<![\\w-])${escaped}(?![\\w-])[^\`\\n]*\``).test(docs)
}

/** Every source file of src/ but tests and the control page's browser script. */
function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) return entry.name === 'control-page' ? [] : sourceFiles(path)
    return /(?<!\.test|\.test-support)\.ts$/.test(entry.name) ? [path] : []
  })
}

// The ways src/ names the code of an answer: `new HttpError(400, { code: 'x' })`,
// `createProblem(500, 'x', …)`, and the [status, code, detail] tuples of Node's own refusals.
const CODE_LITERALS = [
  /\bcode:\s*'([a-z][a-z0-9_]*)'/g,
  /createProblem\(\s*\d{3},\s*'([a-z][a-z0-9_]*)'/g,
  /\[\s*\d{3},\s*'([a-z][a-z0-9_]*)',/g,
]

function codesInSource(): Map<string, string> {
  const codes = new Map<string, string>()
  for (const file of sourceFiles(join(ROOT, 'src'))) {
    const text = readFileSync(file, 'utf8')
    for (const pattern of CODE_LITERALS) {
      for (const [, code = ''] of text.matchAll(pattern)) codes.set(code, relative(ROOT, file))
    }
  }
  return codes
}

/** The codes of injected answers for the statuses the contract names (others: the status title). */
function injectedCodes(): string[] {
  const context = {
    by: 'docs',
    fields: ['title'],
    scheme: 'Bearer',
    rateLimit: { limit: 10, windowMs: 60_000 },
    now: 0,
    retryAfterSeconds: 60,
  }
  return [400, 401, 403, 404, 429, 500, 502, 503].map((s) => injectedError(s, context).code)
}

describe('everything the CLI and the server can say is documented in docs/', () => {
  it('documents every flag of mockapi --help, and its environment variable', () => {
    // The options, and the flags of the commands' usage lines (`mockapi openapi --format`).
    const options = HELP_TEXT.slice(HELP_TEXT.indexOf('\nUsage'), HELP_TEXT.indexOf('\nExit codes'))
    const flags = [...new Set(options.match(/(?<![\w-])--?[a-z][a-z-]*/g) ?? [])]
    expect(flags.length).toBeGreaterThan(20)
    const names = Object.keys(FLAGS).map((name) => `--${name}`)
    expect(names.filter((flag) => !flags.includes(flag))).toEqual([])
    const envs = Object.values(FLAGS).flatMap((flag) => (flag.env ? [flag.env] : []))
    expect([...flags, ...envs, 'check', 'scenarios'].filter((w) => !documented(w))).toEqual([])
  })

  it("names no flag mockapi lacks: every --flag in README.md and docs/ is ours or a known tool's", () => {
    const ours = new Set(Object.keys(FLAGS).map((name) => `--${name}`))
    // Flags of other commands the docs show: npm, node, docker/podman and the bench/soak scripts.
    const theirs = new Set([
      '--save-dev',
      '--omit',
      '--import',
      '--test', // node --test, the recipes' node:test runner
      '--build-arg',
      '--rm',
      '--read-only',
      '--tmpfs',
    ])
    const scripts = new Set(['--minutes', '--quick', '--json', '--workers', '--scale', '--only'])
    const pages = docPages().map((page) => readFileSync(join(ROOT, page), 'utf8'))
    const used = new Set(pages.join('\n').match(/(?<![\w-])--[a-z][a-z-]+/g) ?? [])
    const unknown = [...used].filter((f) => !ours.has(f) && !theirs.has(f) && !scripts.has(f))
    expect(unknown, 'a renamed or removed flag is still in the docs').toEqual([])
  })

  it("names no MOCKAPI_* variable mockapi lacks, but the test and podman scripts' own", () => {
    const ours = new Set<string>(
      Object.values(FLAGS).flatMap((flag) => (flag.env ? [flag.env] : [])),
    )
    const scripts = [
      'MOCKAPI_FUZZ_SEED',
      'MOCKAPI_FUZZ_RUNS',
      'MOCKAPI_PODMAN_CACHE',
      'MOCKAPI_BENCH_LOAD',
    ]
    for (const name of [...scripts, 'MOCKAPI_REQUIRE_ALL_SUITES']) ours.add(name)
    const pages = docPages().map((page) => readFileSync(join(ROOT, page), 'utf8'))
    const used = new Set(pages.join('\n').match(/\bMOCKAPI_[A-Z_]+/g) ?? [])
    expect([...used].filter((name) => !ours.has(name))).toEqual([])
  })

  it('documents every error code the server can send', () => {
    const codes = codesInSource()
    // The scan must keep finding the codes: a refactor that hides them fails here, not silently.
    expect(codes.size).toBeGreaterThanOrEqual(25)
    for (const code of injectedCodes()) codes.set(code, 'src/scenarios/injected-error.ts')
    const missing = [...codes].filter(([code]) => !documented(code))
    expect(missing.map(([code, file]) => `${code} (${file})`)).toEqual([])
  })
})
