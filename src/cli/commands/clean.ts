import { Git } from '../../git/git.js';
import { cleanRuns } from '../../state/clean-runs.js';
import { Exit, ExitCode } from '../exit-codes.js';
import { printDiagnostics } from '../load.js';
import { repoOrExit } from '../repo.js';

/** `orchestra clean`: removes sandboxes, worktree entries and (on request) branches and records of runs. */
export async function cleanCommand(opts: {
  run?: string;
  all?: boolean;
  branches?: boolean;
  json?: boolean;
  olderThan?: number;
  keepLast?: number;
}): Promise<number> {
  const repoRoot = await repoOrExit(opts.json);
  const cleaned = await cleanRuns(new Git(repoRoot), repoRoot, {
    ...(opts.run !== undefined ? { runId: opts.run } : {}),
    all: opts.all === true,
    branches: opts.branches === true,
    ...(opts.olderThan !== undefined || opts.keepLast !== undefined
      ? {
          select: {
            ...(opts.olderThan !== undefined ? { olderThanMs: opts.olderThan } : {}),
            ...(opts.keepLast !== undefined ? { keepLast: opts.keepLast } : {}),
          },
        }
      : {}),
  });
  if (!cleaned.ok) {
    printDiagnostics([cleaned.error], new Map(), opts.json === true);
    throw new Exit(ExitCode.usage);
  }
  const report = cleaned.value;
  // The one run asked for could not be cleaned: say so with the usage code, not "removed 0".
  if (opts.run !== undefined && report.live.includes(opts.run)) {
    printDiagnostics(
      [
        {
          severity: 'error',
          code: 'usage',
          message: `run ${opts.run} is in progress in another orchestra process; not cleaning it`,
          hint: 'wait for it to finish, or stop it (Ctrl-C), then clean again',
        },
      ],
      new Map(),
      opts.json === true,
    );
    throw new Exit(ExitCode.usage);
  }
  if (opts.json) {
    process.stdout.write(`${JSON.stringify(report)}\n`);
    return 0;
  }
  const lines = [
    `removed ${report.worktrees.length} worktree(s), ${report.folders.length} sandbox folder(s), ${report.branches.length} branch(es), ${report.records.length} run record(s)`,
    ...report.live.map((id) => `left run ${id} alone: it is in progress`),
    ...report.keptBranches.map((why) => `kept branch ${why}`),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  return 0;
}
