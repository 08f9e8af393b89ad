import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { type Browser, chromium, type Page } from 'playwright-core'

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

/** The screenshots docs/control-page.md shows: committed, retaken by the browser tests. */
export const DOCS_IMAGES = fileURLToPath(new URL('../docs/images/', import.meta.url))

/**
 * Writes a docs screenshot only when its pixels changed, so a test run that renders the same page
 * leaves the working tree clean.
 */
export function saveDocsImage(name: string, png: Buffer): void {
  const path = join(DOCS_IMAGES, name)
  if (existsSync(path) && readFileSync(path).equals(png)) return
  writeFileSync(path, png)
}

/**
 * A viewport-sized screenshot once the page has settled: two shots in a row alike, as
 * Playwright's own toHaveScreenshot waits; animations stopped and request durations hidden.
 */
export async function stableScreenshot(page: Page): Promise<Buffer> {
  const options = {
    animations: 'disabled',
    style: '.log-list .ms { display: none } * { scrollbar-width: none }',
  } as const
  let last = await page.screenshot(options)
  for (let i = 0; i < 10; i++) {
    await page.waitForTimeout(100)
    const next = await page.screenshot(options)
    if (next.equals(last)) return next
    last = next
  }
  throw new Error('The page kept changing: no two screenshots in a row were alike.')
}
