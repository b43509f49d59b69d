import { readFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { runOrExit } from './repo.js';

/** Renders the status of one run through `write`; resolves with the exit code `status` would have. */
export type RenderStatus = (runId: string, write: (text: string) => void) => Promise<number>;

const INTERVAL_MS = 1000;
const CLEAR = '\x1b[H\x1b[2J';

/**
 * `status --watch`: the status of a run (the latest when none is named, chosen once) until no process
 * holds it any more. A terminal is redrawn every second (times move on); other outputs, and `--json`,
 * get a new status each time run.json changed. Resolves with the final status's exit code.
 */
export async function watchStatus(
  runId: string | undefined,
  render: RenderStatus,
  json: boolean,
  file?: string,
): Promise<number> {
  const { store, record } = await runOrExit(runId, json, file);
  const redraw = process.stdout.isTTY === true && !json;
  let shown: string | undefined;
  for (;;) {
    const state = await readFile(store.paths.state, 'utf8').catch(() => '');
    // Read before rendering: a run that ends in between is rendered once more, finished.
    const ended = !(await store.isLocked());
    if (redraw || state !== shown) {
      let text = '';
      const code = await render(record.id, (t) => (text += t));
      process.stdout.write(redraw ? `${CLEAR}${text}` : `${shown === undefined || json ? '' : '\n'}${text}`);
      shown = state;
      if (ended) return code;
    } else if (ended) {
      return render(record.id, () => undefined);
    }
    await sleep(INTERVAL_MS);
  }
}
