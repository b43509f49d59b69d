import { renderExcept } from '../config/template.js';
import type { Template } from '../config/template.js';
import type { RawWorkflow, TaskDef, Workflow } from '../config/workflow.js';
import { isRecord } from '../util/is-record.js';
import { combinations, instanceIds } from './combinations.js';
import type { Combination, MatrixSpec, MatrixValue } from './matrix-spec.js';
import { dynamicKeys } from './matrix-spec.js';

/** The combinations of a matrix whose keys all have value lists; undefined for a dynamic one. */
export function staticCombinations(spec: MatrixSpec): Combination[] | undefined {
  if (dynamicKeys(spec).length) return undefined;
  return combinations(spec.axes as Record<string, readonly MatrixValue[]>, spec.include, spec.exclude);
}

/**
 * Replaces each `matrix:` task whose values are all written out by one task per combination, and a
 * need of it by needs of every instance; a dynamic matrix stays one task until its values exist. The
 * raw workflow gets an entry per instance too (its texts with the matrix values in), so that
 * fingerprints and staleness checks see what each instance runs.
 */
export function expandMatrices(workflow: Workflow): Workflow {
  const groups = new Map<string, string[]>();
  const made = new Map<string, { def: TaskDef; combo: Combination }[]>();
  for (const task of workflow.tasks.values()) {
    const combos = task.matrix && staticCombinations(task.matrix);
    if (!combos) continue;
    const ids = instanceIds(task.id, combos);
    groups.set(task.id, ids);
    made.set(
      task.id,
      combos.map((combo, i) => ({ def: instance(task, ids[i]!, combo), combo })),
    );
  }
  if (groups.size === 0) return workflow;
  return withInstances(workflow, groups, made);
}

/**
 * The workflow with `groups` (matrix task → its instance ids) replaced by the instances `made`:
 * shared by the static expansion at load time and the dynamic one when a planner's output is known.
 */
export function withInstances(
  workflow: Workflow,
  groups: ReadonlyMap<string, readonly string[]>,
  made: ReadonlyMap<string, readonly { def: TaskDef; combo: Combination }[]>,
): Workflow {
  const needs = (list: readonly string[]) => list.flatMap((n) => groups.get(n) ?? [n]);
  const tasks = new Map<string, TaskDef>();
  for (const task of workflow.tasks.values()) {
    const instances = made.get(task.id);
    for (const t of instances ? instances.map((x) => x.def) : [task]) {
      tasks.set(t.id, t.needs.some((n) => groups.has(n)) ? { ...t, needs: needs(t.needs) } : t);
    }
  }
  const rawTasks: Record<string, unknown> = { ...workflow.raw.tasks };
  for (const [id, instances] of made) {
    const written = rawTasks[id];
    for (const { def, combo } of instances) rawTasks[def.id] = rawInstance(written, combo);
  }
  const list = workflow.integrate.tasks;
  return {
    ...workflow,
    tasks,
    integrate: list ? { ...workflow.integrate, tasks: needs(list) } : workflow.integrate,
    raw: { ...workflow.raw, tasks: rawTasks as RawWorkflow['tasks'] },
    matrixInstances: new Map([...(workflow.matrixInstances ?? []), ...groups]),
  };
}

/** One instance of a matrix task: its matrix values in its prompt, command and env. */
export function instance(task: TaskDef, id: string, combo: Combination): TaskDef {
  const fill = (t: Template) => renderExcept(t, (expr) => String(combo[expr.slice(7)] ?? ''), isNotMatrix);
  const { matrix: _spec, ...rest } = task;
  return {
    ...rest,
    id,
    ...(task.prompt ? { prompt: fill(task.prompt) } : {}),
    ...(task.run ? { run: fill(task.run) } : {}),
    env: Object.fromEntries(Object.entries(task.env).map(([k, t]) => [k, fill(t)])),
    matrixValues: combo,
  };
}

const isNotMatrix = (expr: string) => !expr.startsWith('matrix.');

function rawInstance(written: unknown, combo: Combination): unknown {
  if (!isRecord(written)) return written;
  const { matrix: _spec, ...rest } = written;
  return { ...rest, matrixValues: combo };
}
