import { existsSync } from 'node:fs'
import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import { type Browser, chromium } from 'playwright-core'

/** Debian's Chromium, which `.ci/run` installs; playwright-core downloads no browser of its own. */
export const CHROMIUM = '/usr/bin/chromium'

/** Where the page's screenshots go: CI keeps them, git ignores them. */
export const ARTIFACTS = join('test-artifacts', 'control-page')

/**
 * Launches headless Chromium, or fails saying how to install it: a browser test that skips
 * itself when the browser is missing would pass without testing anything.
 */
export async function launchChromium(extraArgs: readonly string[] = []): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Failed to start the control page's browser tests: ${CHROMIUM} is missing. Install Debian's chromium package (apt-get install chromium), as .ci/run does.`,
    )
  }
  await mkdir(ARTIFACTS, { recursive: true })
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      ...extraArgs,
    ],
  })
}

/** A screenshot file under ARTIFACTS. */
export function artifact(name: string): string {
  return join(ARTIFACTS, name)
}
