import type { RunStore } from './run-store.js';
import type { RunRecord, TaskRecord } from './run-state.js';

/**
 * The in-memory run record and its persistence. Every transition goes through `update`, which
 * applies the change and resolves only once run.json holds it: the engine awaits it before acting
 * on the new state, so a crash can lose at most the step in progress. Writes are serialised so
 * concurrent tasks cannot reorder them.
 *
 * Changes that arrive while a write is waiting for the one before it to finish share that write: with
 * several tasks running, one write carries all their transitions instead of one write each in a
 * queue. Each write serialises the record when it begins, so it holds every change made before.
 */
export class RunJournal {
  /** The latest write begun or scheduled. */
  #last: Promise<void> = Promise.resolve();
  /** A scheduled write that has not begun: changes made now are in it. */
  #next: Promise<void> | undefined;

  constructor(
    readonly store: RunStore,
    readonly record: RunRecord,
  ) {}

  task(id: string): TaskRecord {
    const t = this.record.tasks[id];
    if (!t) throw new Error(`no record for task ${id}`);
    return t;
  }

  /** Applies the change now; resolves once run.json holds it (and everything changed before it). */
  update(mutate: (record: RunRecord) => void): Promise<void> {
    mutate(this.record);
    this.#next ??= this.#schedule();
    return this.#next;
  }

  updateTask(id: string, mutate: (task: TaskRecord) => void): Promise<void> {
    return this.update((r) => mutate(r.tasks[id]!));
  }

  /**
   * Applies a change without writing it: the next `update` persists it. Only for facts nothing acts on
   * before that next update, which a crash in between may lose without harm (a timestamp, the commit
   * a task started from, which a task started again after a crash records anew).
   */
  noteTask(id: string, mutate: (task: TaskRecord) => void): void {
    mutate(this.task(id));
  }

  #schedule(): Promise<void> {
    const write = this.#last.then(() => {
      this.#next = undefined;
      return this.store.save(this.record);
    });
    // A failed write (a full disk) rejects the updates it carried; the next one writes the whole
    // record again, theirs included, so the record catches up once there is room: nothing is lost
    // that a caller was not told about.
    this.#last = write.catch(() => undefined);
    return write;
  }
}
