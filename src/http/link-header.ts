/**
 * Builds an RFC 8288 `Link` header value for a paged collection: `first`, `prev` (after page 1),
 * `next` (before the last page) and `last`. Each link keeps the request's other query parameters.
 *
 * @example
 * linkHeader(new URL('http://localhost/users?role=admin&page=2'), 2, 20, 45)
 * // '<http://localhost/users?role=admin&page=1&per_page=20>; rel="first", <…page=1…>; rel="prev",
 * //  <…page=3…>; rel="next", <…page=3…>; rel="last"'
 */
export function linkHeader(url: URL, page: number, perPage: number, total: number): string {
  const last = Math.max(1, Math.ceil(total / perPage))
  const links: [string, number][] = [['first', 1]]
  // Past the end, `prev` points at the last real page rather than at another empty one.
  if (page > 1) links.push(['prev', Math.min(page - 1, last)])
  if (page < last) links.push(['next', page + 1])
  links.push(['last', last])
  return links.map(([rel, target]) => `<${pageUrl(url, target, perPage)}>; rel="${rel}"`).join(', ')
}

function pageUrl(url: URL, page: number, perPage: number): string {
  const target = new URL(url)
  target.hash = ''
  target.searchParams.set('page', String(page))
  target.searchParams.set('per_page', String(perPage))
  return target.href
}
