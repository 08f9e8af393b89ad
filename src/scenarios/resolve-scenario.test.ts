import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { type FileIssue, isFileError } from '../errors/file-error.js'
import { BUILTIN_SCENARIO_NAMES } from './builtin-names.test-support.js'
import { BUILTIN_SCENARIOS_DIR, listScenarios, loadScenario } from './resolve-scenario.js'

const BUILTINS: readonly string[] = BUILTIN_SCENARIO_NAMES

const scenario = (description: string) =>
  `description: ${description}\nrules:\n  - respond: { status: 418 }\n`

let cwd: string

beforeEach(() => {
  cwd = mkdtempSync(join(tmpdir(), 'mockapi-scenarios-'))
})

afterEach(() => {
  rmSync(cwd, { recursive: true, force: true })
})

function write(file: string, text: string): void {
  mkdirSync(dirname(join(cwd, file)), { recursive: true })
  writeFileSync(join(cwd, file), text)
}

function issuesOf(load: () => unknown): FileIssue[] {
  try {
    load()
  } catch (error) {
    if (isFileError(error)) return [...error.issues]
    throw error
  }
  throw new Error('expected the scenario to be refused')
}

describe('loadScenario', () => {
  it('finds a built-in by name', () => {
    const flaky = loadScenario('flaky', { cwd })
    expect(flaky).toMatchObject({ name: 'flaky', source: 'builtin:flaky' })
  })

  it("prefers the user's folder to the built-ins, .yaml then .yml", () => {
    write('scenarios/flaky.yaml', scenario('mine'))
    write('scenarios/teapot.yml', scenario('a teapot'))
    expect(loadScenario('flaky', { cwd })).toMatchObject({
      name: 'flaky',
      description: 'mine',
      source: 'scenarios/flaky.yaml',
    })
    expect(loadScenario('teapot', { cwd }).source).toBe('scenarios/teapot.yml')
  })

  it('looks in another user folder when told', () => {
    write('qa/teapot.yaml', scenario('a teapot'))
    expect(loadScenario('teapot', { cwd, userDir: 'qa' }).source).toBe('qa/teapot.yaml')
  })

  it.each([
    ['./checkout.yaml', 'checkout.yaml'],
    ['checkout.yaml', 'checkout.yaml'],
    ['nested/checkout.yml', 'nested/checkout.yml'],
  ])('reads %s as a file path, relative to cwd', (given, file) => {
    write(file, scenario('from a file'))
    expect(loadScenario(given, { cwd })).toMatchObject({
      description: 'from a file',
      source: given,
    })
  })

  it('reports an unknown name, without a file position, with the names available', () => {
    write('scenarios/teapot.yaml', scenario('a teapot'))
    expect(issuesOf(() => loadScenario('flakey', { cwd }))).toEqual([
      {
        file: 'flakey',
        line: 0,
        column: 0,
        message: `unknown scenario "flakey"; expected one of: teapot, ${BUILTINS.join(', ')}, or the path of a .yaml file (such as ./my-scenario.yaml)`,
      },
    ])
  })

  it.each(['..', 'Flaky', '.hidden', 'flaky.', 'fl aky', ''])(
    'refuses %j as a name without reading anything',
    (name) => {
      const [issue] = issuesOf(() => loadScenario(name, { cwd }))
      expect(issue).toMatchObject({ file: name, line: 0, column: 0 })
      expect(issue?.message).toContain(`"${name}" is not a scenario name (lower-case letters`)
    },
  )

  it('reports a missing file at file:1:1, as given', () => {
    const [issue] = issuesOf(() => loadScenario('./missing.yaml', { cwd }))
    expect(issue).toMatchObject({ file: './missing.yaml', line: 1, column: 1 })
    expect(issue?.message).toContain('cannot read scenario file: ENOENT')
  })

  it("reports a broken user file's problems with its path", () => {
    write('scenarios/broken.yaml', 'rules:\n  - respond: { status: 200 }\n')
    const [issue] = issuesOf(() => loadScenario('broken', { cwd }))
    expect(issue).toMatchObject({ file: 'scenarios/broken.yaml', line: 2, column: 24 })
  })
})

describe('listScenarios', () => {
  it('lists the built-ins, sorted, each with a description', () => {
    const list = listScenarios({ cwd })
    expect(list.map((info) => info.name)).toEqual(BUILTINS)
    for (const info of list) {
      expect(info).toMatchObject({ builtin: true, source: `builtin:${info.name}` })
      expect(info.description).not.toBe('')
      expect(info).not.toHaveProperty('problem')
    }
  })

  it("lists the user's first, then the built-ins they do not shadow", () => {
    write('scenarios/zeta.yaml', scenario('last of mine'))
    write('scenarios/slow.yaml', scenario('my slow'))
    write('scenarios/Not A Name.yaml', scenario('skipped'))
    write('scenarios/notes.txt', 'not a scenario')
    const list = listScenarios({ cwd })
    expect(list.slice(0, 2)).toEqual([
      { name: 'slow', description: 'my slow', source: 'scenarios/slow.yaml', builtin: false },
      { name: 'zeta', description: 'last of mine', source: 'scenarios/zeta.yaml', builtin: false },
    ])
    expect(list.slice(2).map((info) => info.name)).toEqual(BUILTINS.filter((n) => n !== 'slow'))
  })

  it('lists a user file that does not load, with its problem', () => {
    write('scenarios/broken.yaml', 'rules: [')
    const [broken] = listScenarios({ cwd })
    expect(broken).toMatchObject({ name: 'broken', description: '', builtin: false })
    expect(broken?.problem).toMatch(/^scenarios\/broken\.yaml:1:/)
  })

  it('lists the built-ins once when run from the package folder itself', () => {
    const list = listScenarios({ cwd: join(BUILTIN_SCENARIOS_DIR, '..') })
    expect(list.map((info) => info.name)).toEqual(BUILTINS)
    expect(list.every((info) => info.builtin)).toBe(true)
  })
})
