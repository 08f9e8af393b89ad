import type { ResourceSummary } from '../create-mock-api.js'

export interface BannerInfo {
  readonly version: string
  readonly url: string
  readonly resources: readonly ResourceSummary[]
  readonly seed: number
  readonly config: string | undefined
  readonly cors: boolean | readonly string[]
}

/** The start-up banner: where the mock is, what it serves and what is switched on. */
export function formatBanner(info: BannerInfo): string {
  const first = info.resources[0]?.name ?? 'users'
  const rows: [string, string][] = [
    ['Resources', info.resources.map((r) => `${r.name} (${r.count})`).join(', ')],
    ['Seed', String(info.seed)],
    ['Config', info.config ?? 'none (built-in resources)'],
    [
      'CORS',
      info.cors === true ? 'any origin' : info.cors === false ? 'off' : info.cors.join(', '),
    ],
    ['Admin', `${info.url}/__mockapi/health`],
  ]
  return [
    `mockapi ${info.version} listening on ${info.url}`,
    '',
    ...rows.map(([label, value]) => `  ${label.padEnd(11)}${value}`),
    '',
    `  Try: curl ${info.url}/${first}/1`,
    '  Press Ctrl+C to stop.',
    '',
  ].join('\n')
}
