/** The twelve built-in scenarios the issue names, sorted: what `scenarios/*.yaml` must hold. */
export const BUILTIN_SCENARIO_NAMES = [
  'badrequest',
  'chaos',
  'flaky',
  'forbidden',
  'maintenance',
  'notfound',
  'ratelimit',
  'recovering',
  'slow',
  'timeouts',
  'unauthorized',
  'unavailable',
] as const
