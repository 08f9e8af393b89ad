import { expect, it } from 'vitest'
import { UsageError } from '../errors/usage-error.js'
import { parseCliArgs } from './parse-cli-args.js'

const maxBodySize = (argv: string[], env = {}) => {
  const command = parseCliArgs(argv, env)
  return command.kind === 'serve' ? command.maxBodySize : 'not serve'
}

it.each([
  [['--max-body-size', '2mb'], {}, 2_097_152],
  [['--max-body-size=4096'], {}, 4096],
  [[], { MOCKAPI_MAX_BODY_SIZE: '512kb' }, 524_288],
  [['--max-body-size', '1kb'], { MOCKAPI_MAX_BODY_SIZE: '512kb' }, 1024],
  [[], {}, undefined],
])('reads the body limit from %j and %j', (argv, env, bytes) => {
  expect(maxBodySize(argv, env)).toBe(bytes)
})

it.each(['0', 'huge', '1tb'])('refuses --max-body-size %s as a usage error', (value) => {
  expect(() => parseCliArgs(['--max-body-size', value])).toThrow(UsageError)
  expect(() => parseCliArgs(['--max-body-size', value])).toThrow(/--max-body-size: size must be/)
})

it.each([
  [['--allowed-hosts', 'api.test, .example.test'], {}, ['api.test', '.example.test']],
  [[], { MOCKAPI_ALLOWED_HOSTS: 'a.test,*' }, '*'],
  [['--allowed-hosts=*'], { MOCKAPI_ALLOWED_HOSTS: 'a.test' }, '*'],
  [[], {}, undefined],
])('reads the allowed hosts from %j and %j', (argv, env, hosts) => {
  const command = parseCliArgs(argv, env)
  expect(command.kind === 'serve' ? command.allowedHosts : 'not serve').toEqual(hosts)
})

const retryAfter = (argv: string[], env = {}) => {
  const command = parseCliArgs(argv, env)
  return command.kind === 'serve' ? command.retryAfter : 'not serve'
}

it.each([
  [['--retry-after', '1'], {}, 1],
  [['--retry-after=0'], {}, 0],
  [[], { MOCKAPI_RETRY_AFTER: '5' }, 5],
  [['--retry-after', '2'], { MOCKAPI_RETRY_AFTER: '5' }, 2],
  [[], {}, undefined],
])('reads --retry-after from %j and %j', (argv, env, seconds) => {
  expect(retryAfter(argv, env)).toBe(seconds)
})

it.each(['-1', '1.5', 'soon', '86401'])('refuses --retry-after %s as a usage error', (value) => {
  expect(() => parseCliArgs(['--retry-after', value])).toThrow(
    /--retry-after must be an integer from 0 to 86400/,
  )
})

const serveFlags = (argv: string[], env = {}) => {
  const command = parseCliArgs(argv, env)
  if (command.kind !== 'serve') throw new Error('not serve')
  return { maxMemory: command.maxMemory, maxEventListeners: command.maxEventListeners }
}

it.each([
  [['--max-memory', '64mb'], {}, 67_108_864],
  [[], { MOCKAPI_MAX_MEMORY: '1gb' }, 1_073_741_824],
  [['--max-memory=1mb'], { MOCKAPI_MAX_MEMORY: '1gb' }, 1_048_576],
  [[], {}, undefined],
])('reads the memory budget from %j and %j', (argv, env, bytes) => {
  expect(serveFlags(argv, env).maxMemory).toBe(bytes)
})

it('reads --max-event-listeners and MOCKAPI_MAX_EVENT_LISTENERS; refuses a bad value', () => {
  expect(serveFlags(['--max-event-listeners', '5']).maxEventListeners).toBe(5)
  expect(serveFlags([], { MOCKAPI_MAX_EVENT_LISTENERS: '3' }).maxEventListeners).toBe(3)
  expect(() => parseCliArgs(['--max-event-listeners', '0'])).toThrow(UsageError)
  expect(() => parseCliArgs(['--max-memory', 'lots'])).toThrow(/--max-memory: size must be/)
})
