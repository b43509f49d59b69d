import type { Workflow } from '../../config/workflow.js';
import type { TaskJob } from './job-graph.js';

/** How a built-in agent's CLI is installed on a runner and which repository secrets it reads. */
interface AgentInstall {
  npm?: string;
  pip?: string;
  secrets: readonly string[];
}

const INSTALLS: Readonly<Record<string, AgentInstall>> = {
  claude: { npm: '@anthropic-ai/claude-code', secrets: ['ANTHROPIC_API_KEY'] },
  codex: { npm: '@openai/codex', secrets: ['OPENAI_API_KEY'] },
  gemini: { npm: '@google/gemini-cli', secrets: ['GEMINI_API_KEY'] },
  // aider and opencode call whichever provider their model names: both usual keys are passed.
  aider: { pip: 'aider-chat', secrets: ['ANTHROPIC_API_KEY', 'OPENAI_API_KEY'] },
  opencode: { npm: 'opencode-ai', secrets: ['ANTHROPIC_API_KEY', 'OPENAI_API_KEY'] },
};

/** What one job installs and passes to its `orchestra` command. */
export interface JobSetup {
  npm: string[];
  pip: string[];
  secrets: string[];
  /** Agents given by a `command:` the user installs on the runner themselves. */
  custom: string[];
}

/**
 * The agents one job may start: its task's agent, a best_of task's candidates and picker, and the
 * conflict resolver of `integrate.resolve` where the task merges two or more needs.
 */
export function jobAgents(workflow: Workflow, job: TaskJob): string[] {
  const { def } = job;
  const roleAgent = (role: string | undefined) => (role ? workflow.roles.get(role)?.agent : undefined);
  const agents = def.kind === 'agent' && def.agent ? [def.agent] : [];
  for (const c of def.bestOf?.candidates ?? []) {
    const agent = c.agent ?? roleAgent(c.role) ?? def.agent;
    if (agent) agents.push(agent);
  }
  const pick = def.bestOf?.pick;
  if (pick && typeof pick === 'object') agents.push(...[roleAgent(pick.role)].filter(isString));
  if (job.needs.length > 1) agents.push(...resolverAgents(workflow));
  return [...new Set(agents)].sort();
}

/** The agent that resolves integration conflicts, if any. */
export function resolverAgents(workflow: Workflow): string[] {
  const role = workflow.integrate.resolve?.role;
  return [role ? workflow.roles.get(role)?.agent : undefined].filter(isString);
}

/** The installs and secrets for these agents, each list sorted so the file is stable. */
export function jobSetup(workflow: Workflow, agents: readonly string[]): JobSetup {
  const setup: JobSetup = { npm: [], pip: [], secrets: [], custom: [] };
  for (const name of agents) {
    const install = workflow.agents.get(name)?.command ? undefined : INSTALLS[name];
    if (!install) {
      setup.custom.push(name);
      continue;
    }
    if (install.npm) setup.npm.push(install.npm);
    if (install.pip) setup.pip.push(install.pip);
    setup.secrets.push(...install.secrets);
  }
  const sorted = (l: string[]) => [...new Set(l)].sort();
  return {
    npm: sorted(setup.npm),
    pip: sorted(setup.pip),
    secrets: sorted(setup.secrets),
    custom: sorted(setup.custom),
  };
}

const isString = (x: string | undefined): x is string => x !== undefined;
