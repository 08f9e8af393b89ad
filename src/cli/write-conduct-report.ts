import { existsSync } from 'node:fs'
import { appendFile, writeFile } from 'node:fs/promises'
import { dirname, resolve } from 'node:path'
import type { LabelledConductReport } from '../conduct/create-conduct.js'
import { formatConductHtml } from '../conduct/format-conduct-html.js'
import { formatConductMarkdown } from '../conduct/format-conduct-markdown.js'
import { summarizeConduct } from '../conduct/summarize-conduct.js'
import { UsageError } from '../errors/usage-error.js'
import type { CliIo } from './cli-io.js'

/** Refuses at start a report whose folder does not exist, rather than losing it at the end. */
export function checkReportFile(file: string, cwd: string): void {
  const folder = dirname(resolve(cwd, file))
  if (!existsSync(folder)) {
    throw new UsageError(`--report: the folder ${folder} does not exist.`)
  }
}

/**
 * Writes the conduct report of every instance to `file` in the format its extension names, and
 * appends the Markdown to `GITHUB_STEP_SUMMARY` when that is set (a CI job summary).
 */
export async function writeConductReport(
  reports: readonly LabelledConductReport[],
  file: string,
  io: Pick<CliIo, 'cwd' | 'env'>,
): Promise<void> {
  const markdown = formatConductMarkdown(reports)
  const lower = file.toLowerCase()
  const text = lower.endsWith('.json')
    ? `${JSON.stringify({ summary: summarizeConduct(reports), instances: reports }, null, 2)}\n`
    : lower.endsWith('.html')
      ? formatConductHtml(reports)
      : markdown
  await writeFile(resolve(io.cwd, file), text)
  const summary = io.env.GITHUB_STEP_SUMMARY
  if (summary) await appendFile(summary, `${markdown}\n`)
}
