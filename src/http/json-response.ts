/**
 * A JSON response with a few extra headers, as a plain `Response` with a plain header object. Hono's
 * `c.header()` builds a `Headers` object for each response, which costs more than the rest of a
 * simple request; a plain object lets the Node adapter write the headers as they are.
 */
export function jsonResponse(
  body: unknown,
  status: number,
  headers: Readonly<Record<string, string>>,
): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  })
}
