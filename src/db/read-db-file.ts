import { resolve } from 'node:path'
import { FileError, type FileIssue } from '../errors/file-error.js'
import { createYamlLocator, type YamlPath } from '../files/parse-yaml-file.js'
import { readFailure, readFileSafely } from '../files/read-file-safely.js'

/** A json-server data file: every top-level array a collection, every top-level object a singular. */
export interface DbFile {
  /** The file as given, for messages. */
  readonly file: string
  readonly collections: ReadonlyMap<string, readonly Readonly<Record<string, unknown>>[]>
  readonly singulars: ReadonlyMap<string, Readonly<Record<string, unknown>>>
}

// A db.json is data, often large: far above a config file's cap.
const MAX_DB_BYTES = 512 * 1024 * 1024

/** Reads and checks a `db.json`; every problem is a `FileError` with its line and column. */
export function readDbFile(file: string, cwd = '.'): DbFile {
  let text: string
  try {
    text = readFileSafely(resolve(cwd, file), MAX_DB_BYTES)
  } catch (error) {
    const message = `cannot read the data file: ${readFailure(error)}. Expected a readable JSON file such as db.json; check the path`
    throw new FileError([{ file, line: 1, column: 1, message }])
  }
  return parseDbText(text, file)
}

/** Parses a `db.json`'s text (see {@link readDbFile}). */
export function parseDbText(text: string, file: string): DbFile {
  let value: unknown
  try {
    // JSON.parse first: a 10 MB file parses in milliseconds; positions are found only on error.
    value = JSON.parse(text)
  } catch (error) {
    throw new FileError([syntaxIssue(text, file, error)])
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    const message = `the top level must be an object whose keys are resources (${kindOf(value)} found). Expected { "posts": [ … ], "profile": { … } }`
    throw new FileError([{ file, ...firstPosition(text), message }])
  }
  const collections = new Map<string, Readonly<Record<string, unknown>>[]>()
  const singulars = new Map<string, Readonly<Record<string, unknown>>>()
  const problems: { path: YamlPath; message: string }[] = []
  for (const [key, entry] of Object.entries(value as Record<string, unknown>)) {
    if (Array.isArray(entry)) {
      problems.push(...checkRecords(key, entry))
      collections.set(key, entry as Record<string, unknown>[])
    } else if (typeof entry === 'object' && entry !== null) {
      singulars.set(key, entry as Record<string, unknown>)
    } else {
      problems.push({
        path: [key],
        message: `"${key}" must be an array of records or an object (${kindOf(entry)} found)`,
      })
    }
  }
  if (problems.length > 0) throw new FileError(locate(problems, text, file))
  return { file, collections, singulars }
}

function checkRecords(key: string, records: readonly unknown[]) {
  const problems: { path: YamlPath; message: string }[] = []
  const seen = new Map<unknown, number>()
  for (const [i, record] of records.entries()) {
    if (typeof record !== 'object' || record === null || Array.isArray(record)) {
      problems.push({
        path: [key, i],
        message: `${key}[${i}] must be an object (${kindOf(record)} found)`,
      })
      continue
    }
    const id = (record as Record<string, unknown>).id
    if (id === undefined) continue
    if (typeof id !== 'number' && typeof id !== 'string') {
      problems.push({
        path: [key, i, 'id'],
        message: `${key}[${i}].id must be an integer or a string (${kindOf(id)} found)`,
      })
      continue
    }
    const first = seen.get(id)
    if (first !== undefined) {
      problems.push({
        path: [key, i, 'id'],
        message: `${key}[${i}] has the id ${JSON.stringify(id)} of ${key}[${first}]; ids must be unique`,
      })
    } else seen.set(id, i)
  }
  return problems
}

function locate(
  problems: readonly { path: YamlPath; message: string }[],
  text: string,
  file: string,
) {
  const at = createYamlLocator(text)
  return problems
    .map((p): FileIssue => ({ file, ...at(p.path), message: p.message }))
    .sort((a, b) => a.line - b.line || a.column - b.column)
}

function syntaxIssue(text: string, file: string, error: unknown): FileIssue {
  const reason = error instanceof Error ? error.message : String(error)
  const position = /at position (\d+)/.exec(reason)?.[1]
  const offset = position === undefined ? text.length : Number(position)
  const short = reason.replace(/\s*(in JSON )?at position \d+.*$/, '').replace(/ in JSON$/, '')
  return { file, ...lineColumn(text, offset), message: `invalid JSON: ${short}` }
}

function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1
  let start = 0
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++
      start = i + 1
    }
  }
  return { line, column: Math.max(offset, start) - start + 1 }
}

function firstPosition(text: string) {
  return lineColumn(text, Math.max(0, text.search(/\S/)))
}

function kindOf(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'an array'
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`
}
