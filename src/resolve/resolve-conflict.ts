import { literal } from '../config/template.js';
import type { GateDef, TaskDef } from '../config/workflow.js';
import { contextWith } from '../best-of/candidates.js';
import type { RunContext } from '../engine/run-context.js';
import { executeTask } from '../engine/task-executor.js';
import type { ConflictedMerge, ConflictResolver } from '../git/merge.js';
import { resolverPrompt } from './resolver-prompt.js';

/** The gate every resolver attempt passes first: no conflict marker left in the conflicted files. */
const MARKERS_GATE = '_conflict-markers';

/** The resolver of integration's merges is `_integration/resolve`. */
export const INTEGRATION_RESOLVER = '_integration';

/**
 * The resolver of the merges made for `owner` (a task's needs; null: integration), when the
 * workflow has `integrate.resolve`. Each conflict is handed to the role's agent as a task of its own
 * (`<owner>/resolve`: its sandbox holds the merge with the markers, its log is under the owner's, its
 * attempts are `retries` + 1): its result must keep no marker, then pass `gates` (the task's, or
 * `integrate.verify`). Its tree becomes the merge; undefined when it could not, and the conflict
 * fails as it would without a resolver.
 */
export function conflictResolver(
  ctx: RunContext,
  owner: TaskDef | null,
  signal: AbortSignal | undefined,
): ConflictResolver | undefined {
  const settings = ctx.workflow.integrate.resolve;
  if (!settings) return undefined;
  const role = ctx.workflow.roles.get(settings.role)!;
  const name = owner?.id ?? INTEGRATION_RESOLVER;
  const id = `${name}/resolve`;
  return async (merge: ConflictedMerge) => {
    const commit = (
      await ctx.repo.plumbing(['commit-tree', '-p', merge.head, merge.tree], {
        input: `orchestra: conflicted merge of ${merge.theirs.label} (${id})`,
        commits: true,
      })
    ).stdout.trim();
    const model = role.model ?? ctx.workflow.agents.get(role.agent)?.model;
    const resolver: TaskDef = {
      id,
      kind: 'agent',
      role: role.name,
      agent: role.agent,
      ...(model ? { model } : {}),
      prompt: literal(resolverPrompt(ctx, merge, owner?.id ?? null)),
      needs: [],
      verify: [MARKERS_GATE, ...(owner ? owner.verify : ctx.workflow.integrate.verify)],
      retries: settings.retries,
      ...(owner?.timeoutMs ? { timeoutMs: owner.timeoutMs } : {}),
      env: owner?.env ?? {},
      sandbox: { ...(owner?.sandbox ?? ctx.workflow.sandbox), type: 'worktree' },
      requireChanges: false,
      from: commit,
      // Not in the owner's folder, where the owner's sandbox is made next.
      sandboxDir: `_resolve/${name}`,
    };
    const branch = `orchestra/tasks/${ctx.journal.record.id}/_resolve/${name}`;
    await ctx.journal.update((r) => {
      r.tasks[id] = { status: 'pending', branch, attempts: r.tasks[id]?.attempts ?? [] };
    });
    const gates = new Map<string, GateDef>(ctx.workflow.gates);
    gates.set(MARKERS_GATE, {
      name: MARKERS_GATE,
      run: literal(markerCheck(merge.files)),
      env: {},
      attempts: 1,
    });
    const inner = contextWith(ctx, resolver, [resolver]);
    const outcome = await executeTask(
      { ...inner, workflow: { ...inner.workflow, gates } },
      id,
      signal ?? new AbortController().signal,
    );
    // The merge keeps the tree only; the branch (with the markers' commit) stays for `clean --branches`.
    const result = ctx.journal.task(id).commit;
    if (outcome !== 'succeeded' || !result) return undefined;
    return (await ctx.repo.plumbing(['rev-parse', '--verify', `${result}^{tree}`])).stdout.trim();
  };
}

/** A shell command that fails, printing them, while a conflict marker line is left in `files`. */
function markerCheck(files: readonly string[]): string {
  const quoted = files.map((f) => `'${f.replaceAll("'", `'\\''`)}'`).join(' ');
  const pattern = `'^(<<<<<<<|>>>>>>>)( |$)|^=======$'`;
  return `for f in ${quoted}; do if [ -f "$f" ] && grep -nHE ${pattern} -- "$f"; then exit 1; fi; done; exit 0`;
}
