import { expect, it } from 'vitest'
import { createMemoryBudget } from '../memory/create-memory-budget.js'
import { createJsonCache } from './create-json-cache.js'

/** A record that counts how often it is serialized (JSON.stringify calls its toJSON). */
function counted(id: number, text = '') {
  const record = {
    serialized: 0,
    toJSON() {
      record.serialized += 1
      return { id, text }
    },
  }
  return record
}

it('serializes a record once while it is read, and as JSON.stringify does', () => {
  const cache = createJsonCache(10)
  const record = counted(1, 'Ada')
  expect(cache.json(record)).toBe('{"id":1,"text":"Ada"}')
  expect(cache.json(record)).toBe('{"id":1,"text":"Ada"}')
  expect(record.serialized).toBe(1)
  // Another object is another entry, even with equal fields (records are replaced, never changed).
  const twin = counted(1, 'Ada')
  cache.json(twin)
  expect(twin.serialized).toBe(1)
})

it('holds at most its capacity, the least recently used out first', () => {
  const cache = createJsonCache(4)
  const records = Array.from({ length: 6 }, (_, id) => counted(id))
  const [first, second] = records
  for (const record of records.slice(0, 4)) cache.json(record)
  // Reading the first again makes the second the least recently used.
  cache.json(records[0] as object)
  cache.json(records[4] as object)
  cache.json(records[5] as object)
  cache.json(records[0] as object)
  cache.json(records[1] as object)
  expect(first?.serialized).toBe(1)
  expect(second?.serialized).toBe(2)
})

it('counts its bytes in the memory budget, and lets go of them when the budget is full or it closes', () => {
  const budget = createMemoryBudget(10_000)
  const cache = createJsonCache(1000, budget)
  cache.json(counted(1, 'x'.repeat(1000)))
  expect(budget.usedBytes).toBeGreaterThan(2000)
  for (let id = 2; id < 50; id++) cache.json(counted(id, 'x'.repeat(1000)))
  // Never past the budget: the oldest entries went.
  expect(budget.usedBytes).toBeLessThanOrEqual(10_000)
  cache.close()
  expect(budget.usedBytes).toBe(0)
})
