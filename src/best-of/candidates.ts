import type { TaskDef, Workflow } from '../config/workflow.js';
import { TaskGraph } from '../graph/task-graph.js';
import type { RunContext } from '../engine/run-context.js';

/**
 * A candidate's id: a record, log folder, sandbox and branch of its own under the task's
 * (`orchestra/tasks/<run>/<task>/candidate-<n>`). A `/` is in no task id, so none can collide.
 */
export function candidateId(task: string, n: number): string {
  return `${task}/candidate-${n}`;
}

/** The task a candidate (or a judge, `<task>/judge`) belongs to, or undefined for a task's own id. */
export function ownerOf(id: string): string | undefined {
  const slash = id.indexOf('/');
  return slash < 0 ? undefined : id.slice(0, slash);
}

/**
 * The task definitions of `task`'s candidates, each with its override (agent, model, role) applied
 * as the task's own keys would be: a role brings its agent and model unless the override names them.
 */
export function candidateDefs(task: TaskDef, workflow: Workflow): TaskDef[] {
  const { bestOf, model: ownModel, ...plain } = task;
  return (bestOf?.candidates ?? []).map((o, i) => {
    const role = o.role ?? task.role;
    const roleDef = o.role ? workflow.roles.get(o.role) : undefined;
    const agent = o.agent ?? roleDef?.agent ?? task.agent;
    const model =
      o.model ??
      (o.agent || o.role
        ? (roleDef?.model ?? (agent ? workflow.agents.get(agent)?.model : undefined))
        : ownModel);
    return {
      ...plain,
      id: candidateId(task.id, i + 1),
      ...(role ? { role } : {}),
      ...(agent ? { agent } : {}),
      ...(model ? { model } : {}),
    };
  });
}

/**
 * The run context in which extra definitions (candidates, a judge) run as tasks of their own: found
 * by `workflow.tasks`, with the needs of `like` in the graph and in the fingerprinted raw workflow.
 * Integration and the scheduler keep the context as it was: these are no tasks of the DAG.
 */
export function contextWith(ctx: RunContext, like: TaskDef, defs: readonly TaskDef[]): RunContext {
  const tasks = new Map(ctx.workflow.tasks);
  const rawTasks = { ...ctx.workflow.raw.tasks };
  for (const d of defs) {
    tasks.set(d.id, d);
    rawTasks[d.id] = { ...ctx.workflow.raw.tasks[like.id], ...(d.agent ? { agent: d.agent } : {}) };
  }
  const graph = new TaskGraph([
    ...ctx.graph.ids.map((id) => ({ id, needs: ctx.graph.needs(id) })),
    ...defs.map((d) => ({ id: d.id, needs: ctx.graph.needs(like.id) })),
  ]);
  return {
    ...ctx,
    graph,
    workflow: { ...ctx.workflow, tasks, raw: { ...ctx.workflow.raw, tasks: rawTasks } },
  };
}

/** The agent that runs a task, a candidate or a judge of the workflow: what its pool is keyed by. */
export function agentOf(workflow: Workflow, id: string): string | undefined {
  const owner = ownerOf(id);
  if (owner === undefined) return workflow.tasks.get(id)?.agent;
  const task = workflow.tasks.get(owner);
  const pick = task?.bestOf?.pick;
  if (id.endsWith('/judge'))
    return typeof pick === 'object' ? workflow.roles.get(pick.role)?.agent : undefined;
  return task ? candidateDefs(task, workflow).find((d) => d.id === id)?.agent : undefined;
}
