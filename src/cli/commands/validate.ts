import type { WorkflowOptions } from '../load.js';
import { loadOrExit } from '../load.js';

/** `orchestra validate`: every problem at once, exit 2 if any. */
export async function validateCommand(opts: WorkflowOptions): Promise<number> {
  const { workflow, graph } = await loadOrExit(opts);
  if (opts.json) {
    process.stdout.write(`${JSON.stringify({ ok: true, file: workflow.file, tasks: graph.ids.length })}\n`);
  } else {
    process.stdout.write(
      `${workflow.file}: ok (${graph.ids.length} task${graph.ids.length === 1 ? '' : 's'})\n`,
    );
  }
  return 0;
}
