import { open } from 'node:fs/promises';
import { stripAnsi } from '../reporters/format.js';

/** Read from the end of a log: a gate that printed megabytes is not read whole. */
const TAIL_BYTES = 16 * 1024;

/**
 * The last `lines` lines of a log file, without terminal escapes, what a carriage return overwrote,
 * or a line cut in half at the start; `''` when the file is missing.
 */
export async function logTail(file: string, lines = 30): Promise<string> {
  let text: string;
  try {
    const handle = await open(file, 'r');
    try {
      const { size } = await handle.stat();
      const start = Math.max(0, size - TAIL_BYTES);
      const buffer = Buffer.alloc(size - start);
      await handle.read(buffer, 0, buffer.length, start);
      text = buffer.toString('utf8');
      if (start > 0) text = text.slice(text.indexOf('\n') + 1);
    } finally {
      await handle.close();
    }
  } catch {
    return '';
  }
  const shown = stripAnsi(text)
    .split('\n')
    .map(
      (line) =>
        line
          .split('\r')
          .filter((part) => part !== '')
          .at(-1) ?? '',
    )
    .map((line) => line.trimEnd());
  while (shown.length && shown.at(-1) === '') shown.pop();
  return shown.slice(-lines).join('\n');
}
