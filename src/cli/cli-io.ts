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
  /**
   * When standard input is a pipe (or socket), starts reading it and resolves once it closes;
   * undefined for a terminal, `/dev/null` or a file. `--ready-json` stops the server then, so a
   * test runner that dies never leaves one behind.
   */
  readonly stdinClosed?: () => Promise<string> | undefined
}
