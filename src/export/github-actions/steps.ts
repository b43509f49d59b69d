import { shellQuote } from '../../util/shell-quote.js';
import type { JobSetup } from './agent-setup.js';

/** Actions pinned by full version tag, the same in every job. */
export const ACTIONS = {
  checkout: 'actions/checkout@v4.2.2',
  setupNode: 'actions/setup-node@v4.4.0',
  setupPython: 'actions/setup-python@v5.6.0',
} as const;

export const NODE_VERSION = '20';
export const PYTHON_VERSION = '3.12';

/** A step, its keys in the order GitHub's documentation writes them. */
export interface Step {
  name: string;
  id?: string;
  uses?: string;
  with?: Record<string, string | number>;
  env?: Record<string, string>;
  run?: string;
}

/**
 * Checkout (full history: task branches start from the run's base commit), Node, Python for pip
 * agents, then orchestra and exactly the agent CLIs the job starts.
 */
export function setupSteps(version: string, setup: JobSetup): Step[] {
  const steps: Step[] = [
    { name: 'Check out the repository', uses: ACTIONS.checkout, with: { 'fetch-depth': 0 } },
    { name: 'Set up Node.js', uses: ACTIONS.setupNode, with: { 'node-version': NODE_VERSION } },
  ];
  if (setup.pip.length)
    steps.push({
      name: 'Set up Python',
      uses: ACTIONS.setupPython,
      with: { 'python-version': PYTHON_VERSION },
    });
  const npm = [`orchestra@${version}`, ...setup.npm];
  const lines = [`npm install -g ${npm.join(' ')}`];
  if (setup.pip.length) lines.push(`python -m pip install ${setup.pip.join(' ')}`);
  const what = setup.npm.length + setup.pip.length ? 'orchestra and the agent CLIs' : 'orchestra';
  steps.push({ name: `Install ${what}`, run: lines.join('\n') });
  return steps;
}

/** Environment variables of the `orchestra` step: values reach the script through them, never inline. */
export const ENV = { runId: 'RUN_ID', matrix: 'MATRIX_JSON' } as const;

/** The step running `orchestra job …`; every expression it needs arrives in `env`. */
export function orchestraStep(
  name: string,
  args: readonly string[],
  env: Record<string, string>,
  extraLines: readonly string[] = [],
): Step {
  return {
    name,
    id: 'orchestra',
    env,
    run: [['orchestra', 'job', ...args].join(' '), ...extraLines].join('\n'),
  };
}

/** The arguments every `orchestra job` command takes: the run, the remote, the workflow file. */
export function commonArgs(workflowPath: string): string[] {
  return ['--run-id', `"$${ENV.runId}"`, '--remote', 'origin', '-f', shellQuote(workflowPath)];
}

/** `secrets.X` for each secret the agents read: the value never appears in the file. */
export function secretEnv(secrets: readonly string[]): Record<string, string> {
  return Object.fromEntries(secrets.map((s) => [s, `\${{ secrets.${s} }}`]));
}
