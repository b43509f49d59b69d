/**
 * The most bytes one command-line argument may have on Linux, its terminating NUL included
 * (MAX_ARG_STRLEN, 32 pages): a longer one makes exec fail with E2BIG. Other systems only limit the
 * whole command line, to more than this.
 */
export const MAX_ARG_BYTES = 32 * 4096;

/** Whether `text` (with its option name, if any) fits in one argument. */
export function fitsInArgument(text: string): boolean {
  return Buffer.byteLength(text) < MAX_ARG_BYTES;
}

/**
 * Why an agent could not start with a command line too long for the OS (E2BIG): the prompt, when an
 * argument too long holds it.
 */
export function tooLongMessage(
  agent: string,
  prompt: string,
  argv: readonly string[],
  custom: boolean,
): string {
  if (prompt === '' || !argv.some((arg) => !fitsInArgument(arg) && arg.includes(prompt)))
    return `its command line is too long for the OS (E2BIG)`;
  const kib = (bytes: number) => `${Math.ceil(bytes / 1024)} KiB`;
  const tooLong = `the prompt (${kib(Buffer.byteLength(prompt))}) is too long to pass to agent "${agent}" as a command-line argument (at most ${kib(MAX_ARG_BYTES)} each)`;
  return custom
    ? `${tooLong}; give it the prompt on stdin instead: "stdin: true" and no \${{ prompt }} in its command`
    : `${tooLong}, the only way it takes one: shorten the prompt, or use an agent that reads it on stdin`;
}
