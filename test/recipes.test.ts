import { expect, it } from 'vitest'
import { blocksFor, type DocBlock, whereIs } from './docs/extract-blocks.test-support.js'
import { runIn, usePackedPackage } from './packed-project.test-support.js'

/**
 * The markdown file whose recipes are run. Code blocks whose info string is `test=recipe
 * recipe=NAME file=PATH` are a recipe's files; the block with `test=recipe recipe=NAME run` is the
 * command, run as printed with `sh`. `recipe` is a runner of test/docs/claims.test.ts like the
 * others, so no other docs test runs these blocks; they are read with the docs' one extractor.
 */
const RECIPES_MARKDOWN = 'docs/testing.md'

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

function readRecipes(blocks: readonly DocBlock[]): Map<string, Recipe> {
  const recipes = new Map<string, Recipe>()
  for (const block of blocks) {
    const name = block.meta.recipe ?? ''
    const recipe = recipes.get(name) ?? { files: {}, run: undefined }
    const file = block.meta.file
    if (file !== undefined) recipe.files[file] = `${block.code}\n`
    else if ('run' in block.meta) recipe.run = block.code.trim()
    recipes.set(name, recipe)
  }
  return recipes
}

const recipeBlocks = blocksFor('recipe')
const recipes = readRecipes(recipeBlocks.filter((block) => block.page === RECIPES_MARKDOWN))
const packed = usePackedPackage()

it(`${RECIPES_MARKDOWN} holds every recipe, each with files and a command`, () => {
  expect(recipeBlocks.filter((block) => block.page !== RECIPES_MARKDOWN).map(whereIs)).toEqual([])
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
    const dir = await packed().project(name, {
      'package.json': `{ "name": "${name}", "private": true }\n`,
      ...recipe.files,
    })
    const { code, output } = await runIn(dir, 'sh', ['-c', recipe.run])
    expect(code, output).toBe(0)
  },
  120_000,
)
