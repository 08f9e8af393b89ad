import { expect, it } from 'vitest'
import { type FileIssue, isFileError } from '../errors/file-error.js'
import { parseScenario } from './parse-scenario.js'

function issuesOf(headers: string): FileIssue[] {
  const text = `rules:\n  - respond:\n      status: 503\n      headers:\n        ${headers}\n`
  try {
    parseScenario(text, 'bad.yaml')
  } catch (error) {
    if (isFileError(error)) return [...error.issues]
    throw error
  }
  return []
}

it.each([
  ['CR/LF in a value', 'X-A: "a\\r\\nb"', 6, /no CR or LF/],
  ['a character beyond Latin-1', 'X-A: "café ☕"', 6, /Latin-1/],
  ['a name that is not a token', '"X A": b', 1, /invalid name/],
  ['Content-Length', 'Content-Length: "5"', 1, /set by the server/],
  ['Transfer-Encoding', 'transfer-encoding: chunked', 1, /set by the server/],
  ['Connection', 'Connection: close', 1, /set by the server/],
  ['Keep-Alive', 'Keep-Alive: timeout=5', 1, /set by the server/],
  ['Upgrade', 'Upgrade: websocket', 1, /set by the server/],
])('refuses %s in respond.headers with its line and column', (_, row, column, message) => {
  const [issue] = issuesOf(row)
  expect(issue).toMatchObject({ file: 'bad.yaml', line: 5, column: column + 8 })
  expect(issue?.message).toMatch(message)
})

it('accepts token names with Latin-1 values and numbers', () => {
  expect(issuesOf('X-Retry_Hint: 5')).toEqual([])
  expect(issuesOf('X-Note: "naïve, tab\\there"')).toEqual([])
})
