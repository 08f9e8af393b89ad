import { readFileSync } from 'node:fs'
import { rm } from 'node:fs/promises'
import { resolve } from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import {
  installPackedPackage,
  type PackedProject,
  REPO,
  runIn,
} from './packed-project.test-support.js'

/**
 * The markdown file whose recipes are run. Code blocks fenced with `recipe=NAME file=PATH` are a
 * recipe's files; the block with `recipe=NAME run` is the command, run as printed with `sh`.
 */
const RECIPES_MARKDOWN = 'DOCS-issue-15.md'

/** Every recipe the docs must hold, so that a renamed or dropped one fails here. */
const EXPECTED = [
  'vitest-global',
  'vitest-fixture',
  'jest',
  'node-test',
  'python',
  'handlers',
  'short-waits',
  'config-retry-after',
]

interface Recipe {
  readonly files: Record<string, string>
  run: string | undefined
}

function readRecipes(markdown: string): Map<string, Recipe> {
  const recipes = new Map<string, Recipe>()
  const fence = /^```(\w+)[ \t]+([^\n]*\brecipe=[^\n]*)\n([\s\S]*?)^```[ \t]*$/gm
  for (const [, , info = '', code = ''] of markdown.matchAll(fence)) {
    const name = /\brecipe=(\S+)/.exec(info)?.[1] ?? ''
    const file = /\bfile=(\S+)/.exec(info)?.[1]
    const recipe = recipes.get(name) ?? { files: {}, run: undefined }
    if (file !== undefined) recipe.files[file] = code
    else if (/\brun\b/.test(info)) recipe.run = code.trim()
    recipes.set(name, recipe)
  }
  return recipes
}

const recipes = readRecipes(readFileSync(resolve(REPO, RECIPES_MARKDOWN), 'utf8'))
let packed: PackedProject

beforeAll(async () => {
  packed = await installPackedPackage()
}, 120_000)

afterAll(async () => {
  if (packed) await rm(packed.root, { recursive: true, force: true })
})

it(`${RECIPES_MARKDOWN} holds every recipe, each with files and a command`, () => {
  expect([...recipes.keys()].sort()).toEqual([...EXPECTED].sort())
  for (const [name, recipe] of recipes) {
    expect(Object.keys(recipe.files).length, name).toBeGreaterThan(0)
    expect(recipe.run, name).toBeDefined()
  }
})

it.each(EXPECTED)(
  'the %s recipe passes as printed, against the packed package',
  async (name) => {
    const recipe = recipes.get(name)
    if (recipe?.run === undefined)
      throw new Error(`${RECIPES_MARKDOWN} has no runnable recipe ${name}`)
    const dir = await packed.project(name, {
      'package.json': `{ "name": "${name}", "private": true }\n`,
      ...recipe.files,
    })
    const { code, output } = await runIn(dir, 'sh', ['-c', recipe.run])
    expect(code, output).toBe(0)
  },
  120_000,
)
