import { setTimeout as sleep } from 'node:timers/promises';
import { requestCancel } from '../../control/cancel-run.js';
import { Exit, ExitCode } from '../exit-codes.js';
import { printDiagnostics } from '../load.js';
import { runOrExit } from '../repo.js';

/** How long `cancel` waits for the run to stop before it says the request stands. */
const WAIT_MS = 60_000;

/**
 * `orchestra cancel [--run <id>]`: stops a run that another orchestra process is running, as Ctrl-C
 * there would (its agents get SIGTERM then SIGKILL, the state is saved as `cancelled`, that process
 * exits 130), and waits until it has stopped.
 */
export async function cancelCommand(opts: { run?: string; json?: boolean }): Promise<number> {
  const json = opts.json === true;
  const { repoRoot, store, record } = await runOrExit(opts.run, json);
  const asked = await requestCancel(repoRoot, store, record);
  if (!asked.ok) {
    printDiagnostics([asked.error], new Map(), json);
    throw new Exit(ExitCode.usage);
  }
  const pid = asked.value;
  if (!json) process.stderr.write(`cancelling run ${record.id} (orchestra process ${pid})…\n`);
  const deadline = Date.now() + WAIT_MS;
  while ((await store.holder()) === pid && Date.now() < deadline) await sleep(100);
  const stopped = (await store.holder()) !== pid;
  const after = stopped ? await store.load() : undefined;
  const outcome = after?.ok ? after.value.outcome : undefined;
  if (json) {
    process.stdout.write(`${JSON.stringify({ runId: record.id, pid, stopped, outcome: outcome ?? null })}\n`);
  } else if (stopped) {
    process.stdout.write(`run ${record.id} ${outcome ?? 'stopped'}\n`);
  } else {
    process.stdout.write(
      `run ${record.id}: cancel requested; its process ${pid} is still stopping (its agents get SIGTERM, then SIGKILL)\n`,
    );
  }
  return ExitCode.ok;
}
