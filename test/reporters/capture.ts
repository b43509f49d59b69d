import { Writable } from 'node:stream';

/** A real writable stream that keeps what was written, optionally posing as a terminal of a given size. */
export class Capture extends Writable {
  text = '';
  isTTY: boolean;
  columns = 120;
  rows = 60;

  constructor(opts: { tty?: boolean } = {}) {
    super({ decodeStrings: false });
    this.isTTY = opts.tty ?? false;
  }

  override _write(chunk: unknown, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.text += String(chunk);
    callback();
  }
}

/** Removes ANSI escape sequences, so assertions read what a person would read. */
export function plain(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\u001b\[[0-?]*[ -/]*[@-~]/g, '');
}

/** Asserts that `parts` occur in `text` in this order, naming the first one that does not. */
export function expectInOrder(text: string, parts: string[]): void {
  let from = 0;
  for (const part of parts) {
    const at = text.indexOf(part, from);
    if (at === -1) {
      const anywhere = text.indexOf(part) === -1 ? 'not found at all' : 'found, but out of order';
      throw new Error(
        `expected ${JSON.stringify(part)} after offset ${from}: ${anywhere}\n--- text ---\n${text}`,
      );
    }
    from = at + part.length;
  }
}

/** Polls `condition` until it holds or the deadline passes (for output drawn by a renderer's timers). */
export async function waitFor(condition: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
