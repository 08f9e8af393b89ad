import { expect, it } from 'vitest'
import { createMemoryBudget } from '../memory/create-memory-budget.js'
import { createJournal } from './create-journal.js'
import type { RawJournalEntry } from './journal-entry.js'

function raw(headerChars: number, body: string | null = null): RawJournalEntry {
  return {
    at: 0,
    method: 'POST',
    url: 'http://mock/tasks',
    headers: ['X-Big', 'v'.repeat(headerChars), 'Content-Type', 'application/json'],
    body,
    status: 201,
    ms: 1,
    rule: undefined,
    delayed: false,
    fault: undefined,
    session: undefined,
  }
}

it('cuts each entry on the way in: body to 2 KB, a long header value to 1 KB', () => {
  const journal = createJournal(10)
  journal.add(raw(15_000, JSON.stringify({ title: 'x'.repeat(100_000) })))
  const [entry] = journal.find()
  expect(entry?.body).toHaveLength(2048)
  expect(entry?.bodyTruncated).toBe(true)
  expect(entry?.headers['x-big']).toBe(`${'v'.repeat(1024)}…`)
  expect(entry?.headers['content-type']).toBe('application/json')
})

it('holds the journal to the memory budget, dropping the oldest entries first', () => {
  const budget = createMemoryBudget(200_000)
  const journal = createJournal(1000, budget)
  for (let i = 0; i < 1000; i++) journal.add(raw(15_000))
  expect(budget.usedBytes).toBeLessThanOrEqual(200_000)
  const ids = journal.find().map((entry) => entry.id)
  expect(ids.length).toBeGreaterThan(5)
  expect(ids.length).toBeLessThan(100)
  expect(ids.at(-1)).toBe(1000)
  journal.clear()
  expect(budget.usedBytes).toBe(0)
})
