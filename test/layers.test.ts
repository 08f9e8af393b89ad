import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'

/**
 * The floors of `src/`, bottom first. A file may import only from its own folder or from a lower
 * floor, so no arrow runs back up: the admin surface drives the instance, the instance never knows
 * the admin surface, and `http/` knows nothing of scenarios, the journal or the instance. A folder
 * (or a top-level file) that is not listed fails the test, so a new one must be placed.
 */
const FLOORS: readonly (readonly string[])[] = [
  ['errors', 'version', 'clock', 'memory'],
  ['http', 'files', 'resources'],
  ['model'],
  ['auth', 'store', 'sessions'],
  ['openapi'],
  ['limits'],
  ['scenarios'],
  ['config', 'journal', 'routes', 'db'],
  ['conduct'],
  ['check-options'],
  ['openapi-export'],
  ['options'],
  ['mock-api'],
  ['admin'],
  ['app'],
  ['create-mock-api'],
  ['start-mock-api'],
  ['vitest-matchers'],
  ['cli', 'index', 'vitest'],
]

const SRC = resolve(import.meta.dirname, '../src')
const IMPORT = /(?:from\s+|import\s*\(\s*|^import\s+)'(\.{1,2}\/[^']+)'/gm

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) return sourceFiles(path)
    const isSource = entry.name.endsWith('.ts') && !/\.test(-support)?\.ts$/.test(entry.name)
    return isSource ? [path] : []
  })
}

/** `src/admin/control-page/x.ts` → `admin`; `src/app.ts` → `app`. */
function unitOf(file: string): string {
  const [first = '', ...rest] = relative(SRC, file).split('/')
  return rest.length === 0 ? first.replace(/\.ts$/, '') : first
}

function floorOf(unit: string): number {
  return FLOORS.findIndex((floor) => floor.includes(unit))
}

function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8')
  return [...text.matchAll(IMPORT)].map(([, spec = '']) =>
    resolve(dirname(file), spec).replace(/\.js$/, '.ts'),
  )
}

const files = sourceFiles(SRC)

describe('the floors of src/', () => {
  it('places every folder and top-level file on a floor', () => {
    const unplaced = [...new Set(files.map(unitOf))].filter((unit) => floorOf(unit) === -1)
    expect(unplaced).toEqual([])
  })

  it('has no import from a lower floor to a higher one, nor across one floor', () => {
    const upward = files.flatMap((file) =>
      importsOf(file)
        .filter((target) => {
          const from = unitOf(file)
          const to = unitOf(target)
          return from !== to && floorOf(to) >= floorOf(from)
        })
        .map((target) => `${relative(SRC, file)} -> ${relative(SRC, target)}`),
    )
    expect(upward).toEqual([])
  })

  it('has no import cycle between files', () => {
    const graph = new Map(files.map((file) => [file, importsOf(file)]))
    const cycles: string[] = []
    const state = new Map<string, 'open' | 'done'>()
    const visit = (file: string, path: string[]): void => {
      if (state.get(file) === 'done') return
      if (state.get(file) === 'open') {
        const loop = path.slice(path.indexOf(file))
        cycles.push([...loop, file].map((f) => relative(SRC, f)).join(' -> '))
        return
      }
      state.set(file, 'open')
      for (const target of graph.get(file) ?? []) visit(target, [...path, file])
      state.set(file, 'done')
    }
    for (const file of files) visit(file, [])
    expect(cycles).toEqual([])
  })

  it("is drawn in CONTRIBUTING's floors diagram, floor by floor", () => {
    const text = readFileSync(resolve(SRC, '../CONTRIBUTING.md'), 'utf8')
    const diagram = text.slice(text.indexOf('flowchart BT'))
    const drawn = [...diagram.matchAll(/^ {2}f\d+\["([^"]+)"\]$/gm)].map(([, names = '']) =>
      names.split(' · '),
    )
    expect(drawn).toEqual(FLOORS)
  })

  it('would notice an upward import (the check reads real imports)', () => {
    const admin = files.find((file) => file.endsWith('admin/admin-routes.ts'))
    expect(admin && importsOf(admin).some((target) => target.endsWith('mock-api.ts'))).toBe(true)
    expect(floorOf('admin')).toBeGreaterThan(floorOf('mock-api'))
    expect(floorOf('http')).toBeLessThan(floorOf('scenarios'))
  })
})
