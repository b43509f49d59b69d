import { RunStore } from '../../state/run-store.js';
import { repoOrExit } from '../repo.js';
import { effectiveRecord } from './status.js';

/** `orchestra runs`: the recorded runs, newest first. */
export async function runsCommand(opts: { json?: boolean }): Promise<number> {
  const repoRoot = await repoOrExit(opts.json);
  const rows: { id: string; workflow: string; started: string; result: string; problem?: string }[] = [];
  for (const id of await RunStore.list(repoRoot)) {
    const store = new RunStore(repoRoot, id);
    const record = await store.load();
    // Listed, not hidden: a damaged record is something the user has to hear about to clean it up.
    if (!record.ok) {
      rows.push({ id, workflow: '-', started: '-', result: 'unreadable', problem: record.error });
      continue;
    }
    const r = effectiveRecord(record.value, await store.isLocked());
    rows.push({
      id,
      workflow: r.workflowName,
      started: new Date(r.startedAt).toISOString(),
      result: r.state,
    });
  }
  if (opts.json) {
    process.stdout.write(`${JSON.stringify(rows)}\n`);
  } else if (rows.length === 0) {
    process.stdout.write('no runs recorded yet\n');
  } else {
    const w = (k: 'id' | 'workflow' | 'started') => Math.max(k.length, ...rows.map((r) => r[k].length));
    const line = (r: Record<string, string>) =>
      [
        r.id!.padEnd(w('id')),
        r.workflow!.padEnd(w('workflow')),
        r.started!.padEnd(w('started')),
        r.result,
      ].join('  ');
    process.stdout.write(
      `${[line({ id: 'RUN', workflow: 'WORKFLOW', started: 'STARTED', result: 'RESULT' }), ...rows.map(line)].join('\n')}\n`,
    );
    for (const r of rows.filter((r) => r.problem))
      process.stderr.write(`warning: ${r.problem}\n  hint: remove it with "orchestra clean --run ${r.id}"\n`);
  }
  return 0;
}
