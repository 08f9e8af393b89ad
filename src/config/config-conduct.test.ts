import { expect, it } from 'vitest'
import { createMockApi } from '../create-mock-api.js'
import { issuesOf, lines } from './issues-of.test-support.js'
import { parseConfig } from './parse-config.js'

it('the conduct key: rules to ignore, the hang limit and the storm size', () => {
  const text = lines('conduct:', '  ignore: [token-in-url]', '  hangLimit: 10s', '  retryStorm: 4')
  expect(parseConfig(text, 'mockapi.yaml').conduct).toEqual({
    ignore: ['token-in-url'],
    hangLimit: 10_000,
    retryStorm: 4,
  })
})

it.each([
  [lines('conduct:', '  ignore: [be-nice]'), 2, 12, 'conduct.ignore[0]'],
  [lines('conduct:', '  hangLimit: soon'), 2, 14, 'a duration looks like 300ms, 30s, 2m or 1h'],
  [lines('conduct:', '  hangLimit: 25h'), 2, 14, 'duration must be from 0ms to 24h'],
  [lines('conduct:', '  retryStorm: 0'), 2, 15, 'conduct.retryStorm'],
])('a bad conduct key is refused with its line and column: %j', (text, line, column, message) => {
  const [issue] = issuesOf(text)
  expect(issue).toMatchObject({ line, column })
  expect(issue?.message).toContain(message)
})

it("the option's conduct keys win over the file's, one by one", async () => {
  const config = parseConfig(
    lines('conduct:', '  ignore: [retried-unretryable]', '  hangLimit: 5s'),
    'mockapi.yaml',
  )
  const api = createMockApi({ count: 3, config, conduct: { retryStorm: 3 } })
  for (let i = 0; i < 2; i++) {
    await api.fetch(
      new Request('http://mock/users/999', { headers: { Authorization: 'Bearer dev-token' } }),
    )
  }
  expect(api.conduct().findings).toEqual([])
})
