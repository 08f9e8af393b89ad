/** The built-in scenarios the issues name, sorted: what `scenarios/*.yaml` must hold. */
export const BUILTIN_SCENARIO_NAMES = [
  'badrequest',
  'chaos',
  'conflict',
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
