/** One command of a shell block: its words, and what its comment says to expect. */
export interface ShellCommand {
  readonly line: number
  readonly env: Readonly<Record<string, string>>
  readonly words: readonly string[]
  /** The comment on the command's line, or on the comment lines right after it. */
  readonly comment: string
}

/**
 * The commands of a shell block: `\` continuations joined, `&&` split, comments kept as
 * expectations, `VAR=value` prefixes taken as the command's environment. Only the shell the docs
 * use: single and double quotes, no variables, pipes or redirections (those fail loudly).
 */
export function parseShellBlock(code: string): ShellCommand[] {
  const commands: ShellCommand[] = []
  const rows = code.split('\n')
  for (let index = 0; index < rows.length; index++) {
    let text = rows[index] ?? ''
    const line = index + 1
    while (text.endsWith('\\') && index + 1 < rows.length) {
      index++
      text = `${text.slice(0, -1)} ${rows[index] ?? ''}`
    }
    const [command, comment] = splitComment(text)
    if (command.trim() === '') {
      const last = commands.at(-1)
      if (last && comment && last.comment === '' && rows[index - 1]?.trim() !== '') {
        commands[commands.length - 1] = { ...last, comment }
      }
      continue
    }
    for (const part of splitWords(command).reduce(splitAnd, [[]] as string[][])) {
      const env: Record<string, string> = {}
      while (part.length > 0 && /^[A-Z_][A-Z0-9_]*=/.test(part[0] ?? '')) {
        const [name = '', ...value] = (part.shift() ?? '').split('=')
        env[name] = value.join('=')
      }
      commands.push({ line, env, words: part, comment: comment ?? '' })
    }
  }
  return commands
}

function splitAnd(parts: string[][], word: string): string[][] {
  if (word === '&&') parts.push([])
  else parts.at(-1)?.push(word)
  return parts
}

/** `curl x   # 401 token_missing` → ['curl x', '401 token_missing']. A `#` in quotes stays. */
function splitComment(text: string): [string, string | undefined] {
  let quote: string | undefined
  for (let i = 0; i < text.length; i++) {
    const char = text[i]
    if (quote) {
      if (char === quote) quote = undefined
    } else if (char === "'" || char === '"') quote = char
    else if (char === '#' && (i === 0 || /\s/.test(text[i - 1] ?? ''))) {
      return [text.slice(0, i), text.slice(i + 1).trim()]
    }
  }
  return [text, undefined]
}

/** Shell words with single and double quotes; `|`, `>`, `$` and backticks are refused. */
export function splitWords(text: string): string[] {
  const words: string[] = []
  let word: string | undefined
  let quote: string | undefined
  for (const char of text) {
    if (quote) {
      if (char === quote) quote = undefined
      else word = (word ?? '') + char
    } else if (char === "'" || char === '"') {
      quote = char
      word = word ?? ''
    } else if (/\s/.test(char)) {
      if (word !== undefined) words.push(word)
      word = undefined
    } else if ('|<>$`;'.includes(char)) {
      throw new Error(`the docs' shell runner does not take "${char}": ${text.trim()}`)
    } else word = (word ?? '') + char
  }
  if (quote) throw new Error(`unclosed quote: ${text.trim()}`)
  if (word !== undefined) words.push(word)
  return words
}
