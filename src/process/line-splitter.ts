import { StringDecoder } from 'node:string_decoder';

/** Longest line handed to `onLine`; longer lines are cut and end with an ellipsis. */
export const MAX_LINE_CHARS = 500;

const NEWLINE = 0x0a;

/**
 * Splits one output stream into lines for a live display. It never holds more than one truncated line:
 * a child printing a single 1 GB line costs MAX_LINE_CHARS characters here.
 */
export class LineSplitter {
  readonly #decoder = new StringDecoder('utf8');
  #partial = '';
  #overflow = false;

  /**
   * @param latestOnly hand on only the newest complete line of each chunk: what a live display
   *   shows, without a string and a call per line when an agent prints millions of them.
   */
  constructor(
    private readonly onLine: (line: string) => void,
    private readonly latestOnly = false,
  ) {}

  push(chunk: Uint8Array): void {
    let bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk);
    if (this.latestOnly) {
      const last = bytes.lastIndexOf(NEWLINE);
      const previous = last > 0 ? bytes.lastIndexOf(NEWLINE, last - 1) : -1;
      if (previous !== -1) {
        // The lines before the last complete one are skipped, the partial line before them too, and
        // never decoded: a string of every chunk was what grew V8's young generation when an agent
        // printed a gigabyte. A newline byte is a whole character, so the decoder starts anew there.
        this.#partial = '';
        this.#overflow = false;
        this.#decoder.end();
        bytes = bytes.subarray(previous + 1);
      }
    }
    const text = this.#decoder.write(bytes);
    let start = 0;
    for (;;) {
      const newline = text.indexOf('\n', start);
      if (newline === -1) break;
      this.#append(text.slice(start, Math.min(newline, start + MAX_LINE_CHARS + 1)));
      this.#emit();
      start = newline + 1;
    }
    if (start < text.length) this.#append(text.slice(start, start + MAX_LINE_CHARS + 1));
  }

  /** Emits the last line when the stream ended without a newline. */
  end(): void {
    const rest = this.#decoder.end();
    if (rest) this.#append(rest);
    if (this.#partial !== '' || this.#overflow) this.#emit();
  }

  #append(piece: string): void {
    if (this.#overflow) return;
    const room = MAX_LINE_CHARS - this.#partial.length;
    if (piece.length > room) {
      this.#partial += piece.slice(0, room);
      this.#overflow = true;
    } else {
      this.#partial += piece;
    }
  }

  #emit(): void {
    let line = this.#partial;
    if (line.endsWith('\r')) line = line.slice(0, -1);
    // A progress bar redraws itself with '\r': what a terminal would show is the text after the last one.
    const cr = line.lastIndexOf('\r');
    if (cr !== -1 && cr < line.length - 1) line = line.slice(cr + 1);
    this.onLine(this.#overflow ? `${line}…` : line);
    this.#partial = '';
    this.#overflow = false;
  }
}
