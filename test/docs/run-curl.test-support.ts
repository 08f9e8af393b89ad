/** What a `curl` line of the docs asks: the request, and whether it streams (`-N`). */
interface CurlRequest {
  readonly url: string
  readonly method: string
  readonly headers: Record<string, string>
  readonly body: string | undefined
  readonly stream: boolean
}

const LOCAL = /^(?:https?:\/\/)?(?:localhost|127\.0\.0\.1):4000/

/** The curl flags the docs may use; anything else fails, so an example stays runnable. */
export function parseCurl(args: readonly string[], base: string): CurlRequest {
  let url: string | undefined
  let method: string | undefined
  let body: string | undefined
  let stream = false
  const headers: Record<string, string> = {}
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? ''
    if (arg === '-i' || arg === '-s' || arg === '-sS' || arg === '-f') continue
    if (arg === '-N') stream = true
    else if (arg === '-X') method = args[++i]
    // -u USER:PASSWORD: HTTP basic credentials, as an OpenAPI document's `http` `basic` scheme asks.
    else if (arg === '-u') headers.Authorization = `Basic ${btoa(args[++i] ?? '')}`
    else if (arg === '-H') {
      const [name = '', ...value] = (args[++i] ?? '').split(':')
      headers[name.trim()] = value.join(':').trim()
    } else if (arg === '-d' || arg === '--data') body = args[++i]
    else if (arg.startsWith('-')) throw new Error(`the docs' curl runner does not take ${arg}`)
    else url = arg.replace(LOCAL, base)
  }
  if (!url?.startsWith(base)) throw new Error(`curl to ${url}, not to localhost:4000`)
  // As curl does: -d means POST with a form type unless the line says otherwise.
  if (body !== undefined && !Object.keys(headers).some((h) => /^content-type$/i.test(h))) {
    headers['Content-Type'] = 'application/x-www-form-urlencoded'
  }
  return { url, method: method ?? (body === undefined ? 'GET' : 'POST'), headers, body, stream }
}

/**
 * Sends a docs `curl` line and checks its answer against the comment: `# 401 token_missing` (or
 * `# HTTP/1.1 201 Created`) names the status and, optionally, the problem's `code`; without one,
 * any 2xx.
 */
export async function runCurl(args: readonly string[], base: string, comment: string) {
  const request = parseCurl(args, base)
  const controller = new AbortController()
  const init: RequestInit = {
    method: request.method,
    headers: request.headers,
    signal: controller.signal,
  }
  if (request.body !== undefined) init.body = request.body
  const response = await fetch(request.url, init)
  const text = request.stream ? await firstChunk(response) : await response.text()
  controller.abort()
  // A code is a snake_case word, or a single word ending the comment (`# 503 maintenance`).
  const expected = /^(?:HTTP\/1\.1 )?(\d{3})\b(?:\s+([a-z]+_[a-z_]+\b|[a-z]+$))?/.exec(comment)
  const what = `curl ${args.join(' ')} → ${response.status} ${text.slice(0, 300)}`
  if (!expected) {
    if (response.status >= 300) throw new Error(`expected a 2xx: ${what}`)
    return
  }
  if (String(response.status) !== expected[1]) throw new Error(`expected ${expected[1]}: ${what}`)
  const code = expected[2]
  if (code && (JSON.parse(text) as { code?: string }).code !== code) {
    throw new Error(`expected code ${code}: ${what}`)
  }
}

async function firstChunk(response: Response): Promise<string> {
  const reader = response.body?.getReader()
  const chunk = await reader?.read()
  await reader?.cancel()
  return new TextDecoder().decode(chunk?.value)
}
