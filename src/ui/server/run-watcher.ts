import { existsSync, statSync, watch } from 'node:fs';
import type { FSWatcher } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { runsDir } from '../../state/run-paths.js';
import { RunStore } from '../../state/run-store.js';
import { EVENTS_FILE } from '../event-journal.js';

/** How often the folders are looked at even without a file-system notification (some never send one). */
export const POLL_MS = 1000;
/** Notifications come in bursts (a temp file, a rename): one look after the burst. */
const SETTLE_MS = 40;

/**
 * Tells which runs changed, whoever changed them: any orchestra process writes run.json, the event
 * journal and the lock in the run's folder. fs.watch on `.orchestra/runs` and each run folder brings
 * a change within milliseconds; a poll every second catches what it misses (network file systems, a
 * run folder made before its watch) and a run whose process died (its lock stays, its owner is gone).
 */
export class RunWatcher {
  readonly #dir: string;
  readonly #signatures = new Map<string, string>();
  readonly #watchers = new Map<string, FSWatcher>();
  readonly #listeners = new Set<(changed: string[]) => void>();
  #timer: NodeJS.Timeout | undefined;
  #settle: NodeJS.Timeout | undefined;
  #scanning: Promise<void> | undefined;
  #again = false;

  constructor(readonly repoRoot: string) {
    this.#dir = runsDir(repoRoot);
  }

  async start(): Promise<void> {
    await this.#scan();
    this.#timer = setInterval(() => this.#soon(), POLL_MS);
    this.#timer.unref();
  }

  /** Calls `listener` with the ids of the runs that changed (appeared, changed, went away). */
  subscribe(listener: (changed: string[]) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  close(): void {
    clearInterval(this.#timer);
    clearTimeout(this.#settle);
    for (const w of this.#watchers.values()) w.close();
    this.#watchers.clear();
    this.#listeners.clear();
  }

  #soon(): void {
    this.#settle ??= setTimeout(() => {
      this.#settle = undefined;
      void this.#scan();
    }, SETTLE_MS);
  }

  /** One scan at a time; a change during a scan asks for another. */
  #scan(): Promise<void> {
    if (this.#scanning) {
      this.#again = true;
      return this.#scanning;
    }
    this.#scanning = this.#compare().finally(() => {
      this.#scanning = undefined;
      if (this.#again) {
        this.#again = false;
        this.#soon();
      }
    });
    return this.#scanning;
  }

  async #compare(): Promise<void> {
    this.#watch('', this.#dir);
    const ids = existsSync(this.#dir)
      ? (await readdir(this.#dir, { withFileTypes: true }).catch(() => []))
          .filter((e) => e.isDirectory())
          .map((e) => e.name)
      : [];
    const changed: string[] = [];
    for (const id of ids) {
      this.#watch(id, join(this.#dir, id));
      const signature = await this.#signature(id);
      if (this.#signatures.get(id) !== signature) changed.push(id);
      this.#signatures.set(id, signature);
    }
    for (const id of [...this.#signatures.keys()].filter((id) => !ids.includes(id))) {
      this.#signatures.delete(id);
      this.#watchers.get(id)?.close();
      this.#watchers.delete(id);
      changed.push(id);
    }
    if (changed.length) for (const listener of this.#listeners) listener(changed);
  }

  /** What changes when anything the pages show changes: the record, the journal, who holds the run. */
  async #signature(id: string): Promise<string> {
    const store = new RunStore(this.repoRoot, id);
    const stat = (path: string) => {
      try {
        const s = statSync(path);
        return `${s.mtimeMs}:${s.size}`;
      } catch {
        return '-';
      }
    };
    const live = existsSync(store.paths.lock) ? await store.isLocked() : false;
    return `${stat(store.paths.state)} ${stat(store.paths.abs(EVENTS_FILE))} ${live}`;
  }

  #watch(key: string, dir: string): void {
    if (this.#watchers.has(key) || !existsSync(dir)) return;
    try {
      const w = watch(dir, { persistent: false }, () => this.#soon());
      w.on('error', () => {
        w.close();
        this.#watchers.delete(key);
      });
      this.#watchers.set(key, w);
    } catch {
      // Out of inotify watches: the poll still sees every change, a second later.
    }
  }
}
