import type { RunContext } from '../engine/run-context.js';
import { integrationOf } from './repo-context.js';

/**
 * Pushes the result branch of a URL repository from its cached clone to the URL. Never a plain force:
 * a branch that exists there is replaced only while it is where this run last pushed it (a rerun's
 * new result), so a branch the user owns, or committed on since, is refused by the remote.
 */
export async function pushResult(ctx: RunContext, name: string): Promise<boolean> {
  const record = ctx.journal.record;
  const entry = record.repos![name]!;
  const { branch, commit } = integrationOf(record, name);
  if (!entry.url || !commit) return true;
  const lease =
    entry.pushed?.branch === branch
      ? `--force-with-lease=refs/heads/${branch}:${entry.pushed.commit}`
      : `--force-with-lease=refs/heads/${branch}:`;
  // Exit 1 is a refused push (the lease, a hook): its porcelain lines say why.
  const refused = await ctx.repo
    .plumbing(['push', '--quiet', '--porcelain', lease, 'origin', `${commit}:refs/heads/${branch}`])
    .then((r) => (r.no ? r.stdout.trim().replace(/\s+/g, ' ') : undefined))
    .catch((e: Error) => e.message.split('\n').slice(-2).join(' ').trim());
  if (refused !== undefined) {
    await ctx.journal.update((r) => {
      const integration = integrationOf(r, name);
      integration.status = 'failed';
      integration.failure = { message: `cannot push ${branch} to ${entry.url}: ${refused}` };
    });
    return false;
  }
  await ctx.journal.update((r) => (r.repos![name]!.pushed = { branch, commit }));
  return true;
}
