import type { LoadedWorkflow } from '../config/load-workflow.js';
import { workflowLocator } from '../config/locate-in-workflow.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { err, ok, type Result } from '../util/result.js';
import { allowedHosts } from './agent-hosts.js';
import { detectIsolation, type IsolationSupport } from './detect.js';
import { networkGateProblem } from './network-gate.js';

/** How a task's processes ran: in an OS sandbox, or as the user. */
export type TaskIsolation = 'os' | 'none';

/** Each task's isolation for a run, decided once at its start. */
export interface IsolationPlan {
  /** The OS sandbox, when some task runs in it. */
  support?: Extract<IsolationSupport, { ok: true }>;
  modes: ReadonlyMap<string, TaskIsolation>;
  /** One line when `auto` falls back to `none`, saying what to install. */
  warnings: string[];
}

/**
 * Decides `os` or `none` for each of `tasks`: `auto` takes the OS sandbox when this machine has one,
 * `os` refuses the run (exit 2, before any task) when it has none.
 */
export async function planIsolation(
  loaded: LoadedWorkflow,
  tasks: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
): Promise<Result<IsolationPlan, Diagnostic[]>> {
  const { workflow } = loaded;
  const wanted = tasks.map((id) => [id, workflow.tasks.get(id)?.sandbox.isolation ?? 'none'] as const);
  if (wanted.every(([, mode]) => mode === 'none'))
    return ok({ modes: new Map(wanted.map(([id]) => [id, 'none'])), warnings: [] });
  const support = withNetworkGate(await detectIsolation(env), workflow, wanted, env);
  if (!support.ok) {
    const strict = wanted.filter(([, mode]) => mode === 'os').map(([id]) => id);
    if (strict.length) {
      const path = workflow.sandbox.isolation === 'os' ? ['sandbox'] : ['tasks', strict[0]!, 'sandbox'];
      const locate = await workflowLocator(loaded);
      return err([
        {
          severity: 'error',
          code: 'usage',
          path: [...path, 'isolation'].join('.'),
          location: locate([...path, 'isolation']),
          message: `isolation "os" needs an OS sandbox, and ${support.why} (tasks: ${strict.join(', ')})`,
          hint: `${support.install}, or set sandbox.isolation to auto or none`,
        },
      ]);
    }
  }
  const isolated = (mode: string) => support.ok && mode !== 'none';
  return ok({
    ...(support.ok ? { support } : {}),
    modes: new Map(wanted.map(([id, mode]) => [id, isolated(mode) ? 'os' : 'none'])),
    warnings:
      !support.ok && wanted.some(([, mode]) => mode === 'auto')
        ? [`tasks run without isolation (sandbox.isolation: auto): ${support.why}; ${support.install}`]
        : [],
  });
}

/**
 * A closed network needs its relay programs: without them the jail could not be made, so the run is
 * refused (or falls back) here, before any task, rather than failing inside one.
 */
function withNetworkGate(
  support: IsolationSupport,
  workflow: LoadedWorkflow['workflow'],
  wanted: ReadonlyArray<readonly [string, string]>,
  env: NodeJS.ProcessEnv,
): IsolationSupport {
  if (!support.ok || support.tool !== 'bwrap') return support;
  for (const [id, mode] of wanted) {
    const task = workflow.tasks.get(id);
    if (mode === 'none' || !task) continue;
    const problem = networkGateProblem(
      allowedHosts(task.kind === 'agent' ? task.agent : undefined, workflow.sandbox.network),
      env,
    );
    if (problem)
      return { ok: false, why: problem, install: 'install it (the network gate relays through it)' };
  }
  return support;
}
