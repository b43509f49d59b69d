/**
 * Keeps the last `capacity` bytes written to it, in a fixed ring: a child that prints a gigabyte costs
 * us `capacity` bytes, not a gigabyte.
 */
export class TailBuffer {
  readonly #ring: Buffer;
  /** Where the next byte goes. */
  #end = 0;
  /** Total bytes ever pushed (so we know whether the ring wrapped and the oldest bytes were dropped). */
  #total = 0;

  constructor(readonly capacity: number) {
    this.#ring = Buffer.alloc(capacity);
  }

  push(chunk: Uint8Array): void {
    const cap = this.capacity;
    this.#total += chunk.length;
    if (chunk.length >= cap) {
      this.#ring.set(chunk.subarray(chunk.length - cap));
      this.#end = 0;
      return;
    }
    const first = Math.min(chunk.length, cap - this.#end);
    this.#ring.set(chunk.subarray(0, first), this.#end);
    this.#ring.set(chunk.subarray(first), 0);
    this.#end = (this.#end + chunk.length) % cap;
  }

  /** Total number of bytes pushed since creation. */
  get totalBytes(): number {
    return this.#total;
  }

  /** The kept bytes, oldest first. */
  bytes(): Buffer {
    if (this.#total < this.capacity) return Buffer.from(this.#ring.subarray(0, this.#total));
    return Buffer.concat([this.#ring.subarray(this.#end), this.#ring.subarray(0, this.#end)]);
  }

  /**
   * The kept bytes decoded as UTF-8. When older bytes were dropped, the cut may fall inside a multi-byte
   * character: its orphaned continuation bytes are skipped rather than shown as U+FFFD.
   */
  text(): string {
    let bytes = this.bytes();
    if (this.#total > this.capacity) {
      let start = 0;
      // At most 3 continuation bytes can follow a cut inside one UTF-8 character.
      while (start < 3 && start < bytes.length && ((bytes[start] ?? 0) & 0xc0) === 0x80) start++;
      bytes = bytes.subarray(start);
    }
    return bytes.toString('utf8');
  }
}
