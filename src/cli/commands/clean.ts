import { Git } from '../../git/git.js';
import { cleanRuns } from '../../state/clean-runs.js';
import { repoOrExit } from '../repo.js';

/** `orchestra clean`: removes sandboxes, worktree entries and (on request) branches and records of runs. */
export async function cleanCommand(opts: {
  run?: string;
  all?: boolean;
  branches?: boolean;
  json?: boolean;
}): Promise<number> {
  const repoRoot = await repoOrExit(opts.json);
  const report = await cleanRuns(new Git(repoRoot), repoRoot, {
    ...(opts.run ? { runId: opts.run } : {}),
    all: opts.all === true,
    branches: opts.branches === true,
  });
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
