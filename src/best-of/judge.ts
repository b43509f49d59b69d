import { literal } from '../config/template.js';
import type { TaskDef } from '../config/workflow.js';
import type { RunContext } from '../engine/run-context.js';
import { taskBranch } from '../engine/run-context.js';
import type { SlotRequest } from '../engine/scheduler.js';
import { executeTask } from '../engine/task-executor.js';
import type { Failure } from '../events/task-status.js';
import { contextWith } from './candidates.js';

/** How much of each candidate's diff the judge is shown. */
const DIFF_CHARS = 30_000;

/** The judge of `task`'s candidates: a task of its own under the task's record and log folder. */
export function judgeId(task: string): string {
  return `${task}/judge`;
}

/**
 * Asks `role`'s agent to choose among the green candidates, shown their diffs and gate results; it
 * answers `winner=<n>` in the file named by ORCHESTRA_OUTPUT. Returns the winner, or why none.
 */
export async function judgeCandidates(
  ctx: RunContext,
  task: TaskDef,
  role: string,
  green: readonly string[],
  signal: AbortSignal,
  slot: SlotRequest,
): Promise<string | Failure> {
  const id = judgeId(task.id);
  const paths = ctx.journal.store.paths;
  const roleDef = ctx.workflow.roles.get(role)!;
  const agent = roleDef.agent;
  const model = roleDef.model ?? ctx.workflow.agents.get(agent)?.model;
  const judge: TaskDef = {
    ...task,
    id,
    kind: 'agent',
    role,
    agent,
    ...(model ? { model } : {}),
    prompt: literal(await judgePrompt(ctx, task, green)),
    verify: [],
    retries: 0,
    requireChanges: false,
  };
  delete judge.bestOf;
  if (!model) delete judge.model;
  await ctx.journal.update((r) => {
    const before = r.tasks[id];
    r.tasks[id] = { status: 'pending', branch: taskBranch(r.id, id), attempts: before?.attempts ?? [] };
  });
  const release = await slot(id, signal);
  if (!release) return { reason: 'agent-failed', message: 'the judge did not start' };
  let outcome;
  try {
    outcome = await executeTask(contextWith(ctx, task, [judge]), id, signal);
  } finally {
    release();
  }
  const record = ctx.journal.task(id);
  const log = record.attempts.at(-1) ? paths.abs(record.attempts.at(-1)!.log) : paths.abs(`logs/${id}`);
  if (outcome !== 'succeeded')
    return {
      reason: record.failure?.reason ?? 'agent-failed',
      message: `the judge failed: ${record.failure?.message ?? outcome}`,
    };
  // The judge's outputs, read from its ORCHESTRA_OUTPUT like any task's.
  const written = record.outputs?.winner?.trim() ?? '';
  const n = /^\d+$/.test(written) ? written : undefined;
  const chosen = green.find((c) => c.endsWith(`/candidate-${n}`));
  if (n !== undefined && chosen) return chosen;
  const numbers = green.map((c) => c.slice(c.lastIndexOf('-') + 1)).join(', ');
  return {
    reason: 'agent-failed',
    message:
      `the judge (role ${role}) named no valid winner: it wrote ${written ? JSON.stringify(`winner=${written.slice(0, 500)}`) : 'no winner'} to ORCHESTRA_OUTPUT` +
      ` (green candidates: ${numbers}); its output is in ${log}`,
  };
}

async function judgePrompt(ctx: RunContext, task: TaskDef, green: readonly string[]): Promise<string> {
  const parts = [
    `Several candidates did the task "${task.id}" independently; each one passed its gates.`,
    'Choose the best one. Do not change any file.',
    'Write your choice as one line `winner=<n>` (n is the candidate number) to the file named by the',
    'environment variable ORCHESTRA_OUTPUT.',
    '',
    '# The task',
    task.prompt?.source ?? '',
  ];
  for (const c of green) {
    const t = ctx.journal.task(c);
    const def = ctx.workflow.tasks.get(c);
    const gates = t.attempts.at(-1)?.gates.map((g) => `${g.name}: ${g.ok ? 'passed' : 'failed'}`) ?? [];
    const { stdout } = await ctx.repo.plumbing(['diff', '--no-color', t.startCommit!, t.commit!]);
    const diff = stdout.length > DIFF_CHARS ? `${stdout.slice(0, DIFF_CHARS)}\n… (diff cut)` : stdout;
    parts.push(
      '',
      `# Candidate ${c.slice(c.lastIndexOf('-') + 1)}${def?.agent ? ` (agent ${def.agent}${def.model ? `, model ${def.model}` : ''})` : ''}`,
      `Attempts: ${t.attempts.length}. Gates: ${gates.length ? gates.join(', ') : 'none'}.`,
      '```diff',
      diff.trimEnd(),
      '```',
    );
  }
  return parts.join('\n');
}
