import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Readable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { LineSplitter } from './line-splitter.js';
import { TailBuffer } from './tail-buffer.js';

/** How much of the combined output is kept for the result's `tail`. */
export const TAIL_BYTES = 16 * 1024;
/** How much of the beginning of the output is kept for the result's `head`. */
export const HEAD_BYTES = 4 * 1024;

/** Why the log file could not be written completely. */
export interface LogError {
  message: string;
  /** The disk (or the user's quota) is full: the log then holds only the output's tail. */
  diskFull: boolean;
}

/** The sink, or why the log file could not be opened. */
export type OpenSinkResult = { ok: true; sink: OutputSink } | { ok: false; message: string };

/**
 * Where a child's stdout and stderr go: appended to a log file as they arrive, with backpressure (a slow
 * disk pauses the child's pipes instead of growing our memory), while a fixed-size head and tail and a
 * line splitter for the live display look at the same bytes in the same order.
 */
export class OutputSink {
  readonly #file: WriteStream;
  readonly #tail = new TailBuffer(TAIL_BYTES);
  readonly #head = Buffer.alloc(HEAD_BYTES);
  #headLength = 0;
  readonly #onLine: ((line: string) => void) | undefined;
  readonly #latestLineOnly: boolean;
  readonly #sources = new Set<Readable>();
  readonly #done: Promise<void>[] = [];
  #fileError: LogError | undefined;
  #onFileError: (() => void) | undefined;
  #paused = false;

  private constructor(
    file: WriteStream,
    onLine: ((line: string) => void) | undefined,
    latestLineOnly: boolean,
  ) {
    this.#file = file;
    this.#onLine = onLine;
    this.#latestLineOnly = latestLineOnly;
    file.on('drain', () => this.#resumeAll());
    file.on('error', (error) => this.#failFile(error));
  }

  /** Creates the log file's folder and opens the file for appending. */
  static async open(
    path: string,
    onLine?: (line: string) => void,
    latestLineOnly = false,
  ): Promise<OpenSinkResult> {
    try {
      await mkdir(dirname(path), { recursive: true });
      const file = createWriteStream(path, { flags: 'a' });
      await new Promise<void>((resolve, reject) => {
        file.once('open', () => resolve());
        file.once('error', reject);
      });
      return { ok: true, sink: new OutputSink(file, onLine, latestLineOnly) };
    } catch (error) {
      return { ok: false, message: `cannot open log file ${path}: ${describe(error)}` };
    }
  }

  /** Consumes one output stream of the child until it ends. */
  attach(source: Readable): void {
    const lines = this.#onLine ? new LineSplitter(this.#onLine, this.#latestLineOnly) : undefined;
    this.#sources.add(source);
    source.on('data', (data: Buffer | string) => {
      const chunk = typeof data === 'string' ? Buffer.from(data) : data;
      this.#keepHead(chunk);
      this.#tail.push(chunk);
      lines?.push(chunk);
      if (this.#fileError !== undefined) return;
      if (!this.#file.write(chunk)) this.#pauseAll();
    });
    this.#done.push(
      finished(source).then(
        () => this.#detach(source, lines),
        () => this.#detach(source, lines),
      ),
    );
    if (this.#paused) source.pause();
  }

  /** Calls `callback` once, when writing the log file fails. */
  whenFileFails(callback: () => void): void {
    this.#onFileError = callback;
  }

  /**
   * Resolves once every attached stream has ended and everything it printed is on disk with the file
   * closed. Never rejects: a failing disk is reported through `logError`.
   */
  async close(): Promise<void> {
    await Promise.all(this.#done);
    if (this.#fileError?.diskFull === true) await this.#keepOnlyTail();
    if (this.#fileError !== undefined || this.#file.closed) return;
    await new Promise<void>((resolve) => {
      this.#file.once('close', resolve);
      this.#file.end();
    });
  }

  /** The last TAIL_BYTES of the combined output. */
  tail(): string {
    return this.#tail.text();
  }

  /** The first HEAD_BYTES of the combined output (a partial last character dropped). */
  head(): string {
    return new TextDecoder('utf-8').decode(this.#head.subarray(0, this.#headLength), { stream: true });
  }

  /** Why the log file could not be written, if it could not. */
  get logError(): LogError | undefined {
    return this.#fileError;
  }

  #keepHead(chunk: Buffer): void {
    if (this.#headLength >= HEAD_BYTES) return;
    const take = Math.min(chunk.length, HEAD_BYTES - this.#headLength);
    chunk.copy(this.#head, this.#headLength, 0, take);
    this.#headLength += take;
  }

  #detach(source: Readable, lines: LineSplitter | undefined): void {
    this.#sources.delete(source);
    lines?.end();
  }

  #pauseAll(): void {
    this.#paused = true;
    for (const source of this.#sources) source.pause();
  }

  #resumeAll(): void {
    this.#paused = false;
    for (const source of this.#sources) source.resume();
  }

  #failFile(error: Error): void {
    if (this.#fileError !== undefined) return;
    const code = (error as NodeJS.ErrnoException).code;
    const diskFull = code === 'ENOSPC' || code === 'EDQUOT';
    const path = this.#file.path.toString();
    this.#fileError = diskFull
      ? {
          message: `the disk is full (${code}): log file ${path} keeps only the output's last ${TAIL_BYTES / 1024} KiB`,
          diskFull,
        }
      : { message: `writing log file ${path} failed: ${describe(error)}`, diskFull };
    // Keep draining the child's pipes (into the tail only): a child blocked on a full pipe would hang.
    this.#resumeAll();
    this.#onFileError?.();
  }

  /**
   * Replaces the log that filled the disk (or took its last bytes) with the tail kept in memory, so
   * that the run's record can still be written. Best effort: the disk may be full of something else.
   */
  async #keepOnlyTail(): Promise<void> {
    const note = `[orchestra: the disk filled up while this log was written; the last ${TAIL_BYTES / 1024} KiB of output follow]\n`;
    await writeFile(this.#file.path, note + this.tail()).catch(() => undefined);
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
