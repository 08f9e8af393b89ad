import { existsSync } from 'node:fs'

/** Set by `.ci/run`, which installs every system package: a suite that would skip fails instead. */
export const REQUIRE_ALL_SUITES = process.env.MOCKAPI_REQUIRE_ALL_SUITES === '1'

/**
 * Why a suite that needs a system program cannot run here, in one line naming the Debian package
 * to install; undefined when the program is there. Under `MOCKAPI_REQUIRE_ALL_SUITES=1` a missing
 * program throws instead, so CI never passes a suite it did not run.
 *
 * @example
 * const skip = missingSystemPackage('/usr/bin/chromium', 'chromium')
 * describe.skipIf(skip)(skip ?? 'the control page in Chromium', () => { ... })
 */
export function missingSystemPackage(program: string, debianPackage: string): string | undefined {
  if (existsSync(program)) return undefined
  const reason = `skipped: ${program} is missing; install Debian's ${debianPackage} package (apt-get install ${debianPackage}) to run this suite`
  if (REQUIRE_ALL_SUITES) throw new Error(`MOCKAPI_REQUIRE_ALL_SUITES=1 but ${reason}`)
  console.warn(reason)
  return reason
}
