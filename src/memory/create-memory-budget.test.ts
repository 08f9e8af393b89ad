import { expect, it } from 'vitest'
import { createMemoryBudget } from './create-memory-budget.js'

/** A table of entries of `bytes` each, oldest first, as the limiter and journal keep theirs. */
function table(budget: ReturnType<typeof createMemoryBudget>) {
  const entries: { stamp: number; bytes: number }[] = []
  const account = budget.register({
    oldest: () => entries[0]?.stamp,
    dropOldest: () => {
      const entry = entries.shift()
      if (entry) account.release(entry.bytes)
    },
  })
  return {
    entries,
    add(bytes: number) {
      entries.push({ stamp: account.stamp(), bytes })
      account.charge(bytes)
    },
    account,
  }
}

it('drops the oldest entry of any table until the sum fits', () => {
  const budget = createMemoryBudget(1000)
  const a = table(budget)
  const b = table(budget)
  a.add(400)
  b.add(400)
  a.add(100)
  expect(budget.usedBytes).toBe(900)
  b.add(300) // 1200: a's first entry, the oldest of all, goes
  expect(budget.usedBytes).toBe(800)
  expect(a.entries.map((e) => e.bytes)).toEqual([100])
  expect(b.entries.map((e) => e.bytes)).toEqual([400, 300])
  b.add(900) // every older entry goes, then the new one fits alone
  expect(budget.usedBytes).toBe(900)
  expect([a.entries.length, b.entries.length]).toEqual([0, 1])
})

it('a closed table gives its bytes back and is never asked again', () => {
  const budget = createMemoryBudget(1000)
  const a = table(budget)
  a.add(600)
  expect(budget.tables).toBe(1)
  a.account.close()
  expect([budget.usedBytes, budget.tables]).toEqual([0, 0])
  a.add(5000)
  expect(budget.usedBytes).toBe(0)
})

it('refuses a budget that is not a whole number of bytes', () => {
  expect(() => createMemoryBudget(0)).toThrow(RangeError)
  expect(() => createMemoryBudget(1.5)).toThrow(/whole number/)
})
