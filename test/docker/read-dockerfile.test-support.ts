import { readFileSync } from 'node:fs'
import { posix, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import {
  type Copy,
  DockerfileParser,
  type Healthcheck,
  type Instruction,
  type JSONInstruction,
  type PropertyInstruction,
} from 'dockerfile-ast'

/** The repository root: the image's build context. */
export const ROOT = fileURLToPath(new URL('../../', import.meta.url))

/** One `COPY`: its sources, destination and `--from` stage, if any. */
export interface CopyStep {
  readonly from: string | undefined
  readonly sources: readonly string[]
  readonly destination: string
}

/** A stage of the Dockerfile, as the image it makes: what the checks read, in order. */
export interface DockerStage {
  readonly name: string | undefined
  readonly image: string
  /** `WORKDIR`, `COPY` and `RUN` in their order: what replaying the stage needs. */
  readonly steps: readonly (
    | { readonly kind: 'workdir'; readonly path: string }
    | { readonly kind: 'copy'; readonly copy: CopyStep }
    | { readonly kind: 'run'; readonly command: string }
  )[]
  readonly env: Readonly<Record<string, string>>
  readonly labels: Readonly<Record<string, string>>
  readonly user: string | undefined
  readonly workdir: string
  readonly expose: readonly string[]
  /** Exec form only; `undefined` for the shell form, which the checks refuse. */
  readonly entrypoint: readonly string[] | undefined
  readonly cmd: readonly string[] | undefined
  readonly healthcheck:
    | { readonly flags: Readonly<Record<string, string>>; readonly command: unknown }
    | undefined
}

export interface ParsedDockerfile {
  readonly text: string
  /** `ARG`s before the first `FROM`, with their defaults. */
  readonly args: Readonly<Record<string, string | undefined>>
  readonly stages: readonly DockerStage[]
}

/** Reads and parses the repository's Dockerfile (or `file`) with dockerfile-ast. */
export function readDockerfile(file = resolve(ROOT, 'Dockerfile')): ParsedDockerfile {
  const text = readFileSync(file, 'utf8')
  const dockerfile = DockerfileParser.parse(text)
  const args = Object.fromEntries(
    dockerfile.getInitialARGs().flatMap((arg) => {
      const property = arg.getProperty()
      return property ? [[property.getName(), property.getValue() ?? undefined]] : []
    }),
  )
  const stages: DockerStage[] = []
  for (const instruction of dockerfile.getInstructions()) {
    if (instruction.getKeyword() === 'FROM') stages.push(newStage(instruction))
    else if (stages.length > 0) addInstruction(stages[stages.length - 1] as Stage, instruction)
  }
  return { text, args, stages }
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] }
type Stage = Mutable<DockerStage> & {
  steps: Mutable<DockerStage>['steps'] extends readonly (infer S)[] ? S[] : never
}

function newStage(from: Instruction): Stage {
  const [image = '', as, name] = from.getArguments().map((a) => a.getValue())
  return {
    name: as?.toUpperCase() === 'AS' ? name : undefined,
    image,
    steps: [],
    env: {},
    labels: {},
    user: undefined,
    workdir: '/',
    expose: [],
    entrypoint: undefined,
    cmd: undefined,
    healthcheck: undefined,
  }
}

function addInstruction(stage: Stage, instruction: Instruction): void {
  const values = () => instruction.getArguments().map((a) => a.getValue())
  switch (instruction.getKeyword()) {
    case 'ENV':
      stage.env = { ...stage.env, ...properties(instruction as PropertyInstruction) }
      break
    case 'LABEL':
      stage.labels = { ...stage.labels, ...properties(instruction as PropertyInstruction) }
      break
    case 'USER':
      stage.user = values()[0]
      break
    case 'WORKDIR':
      stage.workdir = posix.resolve(stage.workdir, values()[0] ?? '.')
      stage.steps.push({ kind: 'workdir', path: stage.workdir })
      break
    case 'EXPOSE':
      stage.expose = [...stage.expose, ...values()]
      break
    case 'COPY':
      stage.steps.push({ kind: 'copy', copy: copyStep(instruction as Copy) })
      break
    case 'RUN':
      stage.steps.push({ kind: 'run', command: instruction.getArgumentsContent() ?? '' })
      break
    case 'ENTRYPOINT':
      stage.entrypoint = execForm(instruction as JSONInstruction)
      break
    case 'CMD':
      stage.cmd = execForm(instruction as JSONInstruction)
      break
    case 'HEALTHCHECK':
      stage.healthcheck = healthcheck(instruction as Healthcheck)
      break
  }
}

function properties(instruction: PropertyInstruction): Record<string, string> {
  return Object.fromEntries(
    // LABEL values keep their quotes in dockerfile-ast, ENV values do not: both lose them here.
    instruction
      .getProperties()
      .map((p) => [p.getName(), (p.getUnescapedValue() ?? '').replace(/^"(.*)"$/s, '$1')]),
  )
}

function copyStep(copy: Copy): CopyStep {
  const paths = copy.getArguments().map((a) => a.getValue())
  const from = copy.getFlags().find((flag) => flag.getName() === 'from')
  return {
    from: from?.getValue() ?? undefined,
    sources: paths.slice(0, -1),
    destination: paths[paths.length - 1] ?? '',
  }
}

function execForm(instruction: JSONInstruction): string[] | undefined {
  const strings = instruction.getJSONStrings()
  return strings.length > 0 ? strings.map((s) => s.getJSONValue()) : undefined
}

// `HEALTHCHECK [flags] CMD ["exec", "form"]`: the JSON after CMD, parsed as JSON (`unknown`, so a
// shell form or anything else shows up as what it is).
function healthcheck(instruction: Healthcheck) {
  const flags = Object.fromEntries(
    instruction.getFlags().map((flag) => [flag.getName(), flag.getValue() ?? '']),
  )
  const content = instruction.getArgumentsContent() ?? ''
  const after = content.slice(content.search(/\bCMD\b/) + 3).trim()
  let command: unknown = after
  try {
    command = JSON.parse(after)
  } catch {
    // The shell form: kept as text.
  }
  return { flags, command }
}
