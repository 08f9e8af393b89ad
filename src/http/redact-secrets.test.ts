import { expect, it } from 'vitest'
import { redactJsonText, redactQuery } from './redact-secrets.js'

it.each([
  ['/users?api_token=abc&page=2', '/users?api_token=[redacted]&page=2'],
  ['/users?access_token=abc', '/users?access_token=[redacted]'],
  ['/users?password=hunter2&q=x', '/users?password=[redacted]&q=x'],
  ['/users?api%5Fkey=abc', '/users?api%5Fkey=[redacted]'],
  ['/users?page=2&sort=-id', '/users?page=2&sort=-id'],
  ['/users', '/users'],
  ['/users?token', '/users?token'],
])('shows %s as %s in the log', (path, shown) => {
  expect(redactQuery(path)).toBe(shown)
})

it.each([
  ['{"token":"abc","name":"x"}', '{"token":"[redacted]","name":"x"}'],
  ['{"name":"x", "password" : "p\\"w"}', '{"name":"x", "password" : "[redacted]"}'],
  ['{"auth":{"apiKey":12345}}', '{"auth":{"apiKey":"[redacted]"}}'],
  ['{"user":{"secret":null}}', '{"user":{"secret":"[redacted]"}}'],
  // The journal cuts bodies at 2 KB: a value cut short is still hidden.
  ['{"name":"x","token":"abcdef', '{"name":"x","token":"[redacted]"'],
  ['{"name":"token","note":"my token is here"}', '{"name":"token","note":"my token is here"}'],
])('redacts credential members of %s', (text, shown) => {
  expect(redactJsonText(text)).toBe(shown)
})
