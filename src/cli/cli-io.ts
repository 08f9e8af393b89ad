/** The process around the CLI: its streams, environment and stop signal. */
export interface CliIo {
  readonly env: Readonly<Record<string, string | undefined>>
  readonly cwd: string
  readonly stdout: (text: string) => void
  readonly stderr: (text: string) => void
  /** Resolves when the process is asked to stop (SIGINT/SIGTERM). */
  readonly stopped: Promise<string>
  /** Whether stdin is a terminal, where Ctrl+C reaches the process. Default false. */
  readonly interactive?: boolean
}
