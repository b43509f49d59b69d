import type { RunContext } from '../engine/run-context.js';
import type { ConflictedMerge } from '../git/merge.js';

/** What the resolver is told: the conflicted files, and each side's task, summary and commit. */
export function resolverPrompt(ctx: RunContext, merge: ConflictedMerge, owner: string | null): string {
  const record = ctx.journal.record;
  const side = (label: string, commit: string) => {
    const summary = record.tasks[label]?.usage?.summary?.trim();
    return `- ${label === 'base' ? 'the base' : `task "${label}"`} at commit ${commit}${summary ? `; its summary:\n  ${summary.split('\n').join('\n  ')}` : ''}`;
  };
  const oursCommit =
    merge.ours === 'base' ? record.baseCommit : (record.tasks[merge.ours]?.commit ?? merge.head);
  return [
    `Merging the results ${owner ? `that task "${owner}" starts from` : 'of the run into its result branch'} conflicted.`,
    'This folder holds the merge, with conflict markers in these files:',
    ...merge.files.map((f) => `- ${f}`),
    '',
    'The two sides:',
    side(merge.ours, oursCommit),
    side(merge.theirs.label, merge.theirs.commit),
    '',
    'Resolve every conflict so that the result keeps what both sides meant to do, and remove every',
    'conflict marker line (<<<<<<<, =======, >>>>>>>). Do not commit: your changes are committed as the merge.',
  ].join('\n');
}
