/** Process exit codes, as documented in the README. */
export const ExitCode = {
  ok: 0,
  /** A task or a gate failed. */
  failed: 1,
  /** Bad configuration or usage. */
  usage: 2,
  /** Cancelled (Ctrl-C / SIGTERM). */
  cancelled: 130,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** Thrown to leave a command with an exit code after its message was printed. */
export class Exit extends Error {
  constructor(readonly code: number) {
    super(`exit ${code}`);
  }
}
