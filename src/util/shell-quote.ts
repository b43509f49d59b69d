/** `text` as one word of a POSIX shell command line: unchanged when it is safe, single-quoted when not. */
export function shellQuote(text: string): string {
  return /^[\w./@%+=:,-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}
