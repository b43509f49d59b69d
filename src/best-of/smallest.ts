import type { RunContext } from '../engine/run-context.js';

/** Lines added plus lines removed by a candidate's result (a binary file counts as one line). */
export async function diffSize(ctx: RunContext, candidate: string): Promise<number> {
  const t = ctx.journal.task(candidate);
  const { stdout } = await ctx.repo.plumbing([
    'diff',
    '--numstat',
    '--no-renames',
    t.startCommit!,
    t.commit!,
  ]);
  return stdout
    .split('\n')
    .filter(Boolean)
    .reduce((n, line) => {
      const [added, removed] = line.split('\t');
      return n + (added === '-' ? 1 : Number(added) + Number(removed));
    }, 0);
}

/** The green candidate with the smallest diff; on a tie, the one listed first. */
export async function smallestCandidate(ctx: RunContext, green: readonly string[]): Promise<string> {
  const sizes = await Promise.all(green.map((c) => diffSize(ctx, c)));
  return green[sizes.indexOf(Math.min(...sizes))]!;
}
