import { noWorkTree } from '../diagnostics/no-work-tree.js';
import { Git } from '../git/git.js';
import { Exit, ExitCode } from './exit-codes.js';
import { printDiagnostics } from './load.js';
import { findRun, latestRunOf } from '../state/find-run.js';
import type { RunStore } from '../state/run-store.js';
import type { RunRecord } from '../state/run-state.js';

/** The repository around the current folder, or a usage error in git's own words. */
export async function repoOrExit(json = false): Promise<string> {
  const found = await Git.workTreeOf(process.cwd());
  if (found.ok) return found.value;
  printDiagnostics([noWorkTree(process.cwd(), found.error)], new Map(), json);
  throw new Exit(ExitCode.usage);
}

/** A recorded run (the latest, or the latest of workflow `file`, by default), or a usage error. */
export async function runOrExit(
  runId: string | undefined,
  json = false,
  file?: string,
): Promise<{ repoRoot: string; store: RunStore; record: RunRecord }> {
  const repoRoot = await repoOrExit(json);
  if (runId === undefined && file !== undefined) {
    runId = await latestRunOf(repoRoot, file);
    if (runId === undefined) {
      const message = `no run of ${file} is recorded in ${repoRoot}`;
      printDiagnostics(
        [{ severity: 'error', code: 'usage', message, hint: 'list the runs with "orchestra runs"' }],
        new Map(),
        json,
      );
      throw new Exit(ExitCode.usage);
    }
  }
  const found = await findRun(repoRoot, runId);
  if (found.ok) return { repoRoot, ...found.value };
  printDiagnostics([found.error], new Map(), json);
  throw new Exit(ExitCode.usage);
}
