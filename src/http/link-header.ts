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
  // One copy of the query, `page` and `per_page` set where `set` puts them; only `page` changes
  // from link to link.
  const params = new URLSearchParams(url.search)
  params.set('page', '1')
  params.set('per_page', String(perPage))
  const base = `${url.origin}${url.pathname}?`
  const link = (rel: string, target: number) => {
    params.set('page', String(target))
    return `<${base}${params}>; rel="${rel}"`
  }
  const links = [link('first', 1)]
  // Past the end, `prev` points at the last real page rather than at another empty one.
  if (page > 1) links.push(link('prev', Math.min(page - 1, last)))
  if (page < last) links.push(link('next', page + 1))
  links.push(link('last', last))
  return links.join(', ')
}
