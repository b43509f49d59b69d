import type { RunStore } from './run-store.js';
import type { RunRecord, TaskRecord } from './run-state.js';

/**
 * The in-memory run record and its persistence. Every transition goes through `update`, which
 * applies the change and resolves only once run.json holds it: the engine awaits it before acting
 * on the new state, so a crash can lose at most the step in progress. Writes are serialised so
 * concurrent tasks cannot reorder them.
 */
export class RunJournal {
  #queue: Promise<void> = Promise.resolve();

  constructor(
    readonly store: RunStore,
    readonly record: RunRecord,
  ) {}

  task(id: string): TaskRecord {
    const t = this.record.tasks[id];
    if (!t) throw new Error(`no record for task ${id}`);
    return t;
  }

  update(mutate: (record: RunRecord) => void): Promise<void> {
    mutate(this.record);
    const snapshot = structuredClone(this.record);
    this.#queue = this.#queue.then(() => this.store.save(snapshot));
    return this.#queue;
  }

  updateTask(id: string, mutate: (task: TaskRecord) => void): Promise<void> {
    return this.update((r) => mutate(r.tasks[id]!));
  }
}
