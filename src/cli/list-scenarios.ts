import { listScenarios } from '../scenarios/resolve-scenario.js'
import type { CliIo } from './cli-io.js'

const WIDTH = 100

/** `mockapi scenarios`: every scenario `--scenario NAME` can load, with what it is for. */
export async function printScenarios(
  command: { readonly scenariosDir: string | undefined },
  io: CliIo,
): Promise<number> {
  const lookup = {
    cwd: io.cwd,
    ...(command.scenariosDir === undefined ? {} : { userDir: command.scenariosDir }),
  }
  const scenarios = listScenarios(lookup)
  const nameWidth = Math.max(...scenarios.map((s) => s.name.length)) + 2
  const lines = ['Scenarios (mockapi --scenario NAME; later ones layer over earlier ones):', '']
  for (const info of scenarios) {
    const origin = info.builtin ? '' : ` [${info.source}]`
    const text = info.problem === undefined ? info.description : `does not load: ${info.problem}`
    const wrapped = wrap(`${text}${origin}`, WIDTH - nameWidth - 2)
    lines.push(
      ...wrapped.map((line, i) => `  ${(i === 0 ? info.name : '').padEnd(nameWidth)}${line}`),
    )
  }
  io.stdout(`${lines.join('\n')}\n`)
  return 0
}

function wrap(text: string, width: number): string[] {
  const lines: string[] = []
  let line = ''
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line !== '' && line.length + 1 + word.length > width) {
      lines.push(line)
      line = word
    } else line = line === '' ? word : `${line} ${word}`
  }
  return [...lines, line]
}
