import { createWriteStream } from 'node:fs';
import type { WriteStream } from 'node:fs';
import { join } from 'node:path';
import type { EventSink } from '../events/engine-event.js';

/** The engine's events of a run, one JSON object a line, in its run folder. */
export const EVENTS_FILE = 'events.ndjson';

/**
 * A consumer of engine events like a reporter: appends them to the run folder's `events.ndjson`, for
 * `orchestra ui`'s timeline (when each gate ran, how long a rate limit made a task wait), which
 * run.json does not hold. Agents' output lines are left out: the logs hold them. run.json stays the
 * record and is written as before; a lost or partial journal only loses timeline detail.
 */
export function eventJournal(): { onEvent: EventSink; close(): Promise<void> } {
  let out: WriteStream | undefined;
  return {
    onEvent(event) {
      if (event.type === 'run-started') {
        out?.end();
        out = createWriteStream(join(event.runDir, EVENTS_FILE), { flags: 'a' });
        // A full disk must not fail the run: the journal is a view, not the record.
        out.on('error', () => undefined);
      }
      if (out && event.type !== 'task-output') out.write(`${JSON.stringify(event)}\n`);
    },
    close: () => new Promise<void>((resolve) => (out && !out.closed ? out.end(resolve) : resolve())),
  };
}
