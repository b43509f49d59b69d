import { builtinAgents } from '../agents/builtin-agents.js';
import type { Template } from '../config/template.js';
import { renderTemplate, templateRefs } from '../config/template.js';
import type { Workflow } from '../config/workflow.js';
import { findProgram } from './find-program.js';

/** An agent a workflow's tasks use, and the program that starts it. */
export interface AgentProgram {
  agent: string;
  /** argv[0]; undefined when it is only known during a run (it refers to a task or the run). */
  program?: string;
  /** Where it was found; undefined when it is not installed. */
  path?: string;
  builtin: boolean;
  /** The tasks that use the agent. */
  tasks: string[];
}

/** How to install each built-in agent's CLI (as in the README). */
export const INSTALL_HINTS: Readonly<Record<string, string>> = {
  claude: 'npm install -g @anthropic-ai/claude-code',
  codex: 'npm install -g @openai/codex',
  gemini: 'npm install -g @google/gemini-cli',
  aider: 'python -m pip install aider-install && aider-install',
  opencode: 'npm install -g opencode-ai',
};

/**
 * The agents used by `tasks` (default: every task), each with its program and where it is on this
 * machine. A relative program path is looked up from `cwd` (a sandbox is a checkout of it).
 */
export function agentPrograms(workflow: Workflow, cwd: string, tasks?: readonly string[]): AgentProgram[] {
  const byAgent = new Map<string, string[]>();
  for (const id of tasks ?? [...workflow.tasks.keys()]) {
    const agent = workflow.tasks.get(id)?.agent;
    if (agent !== undefined) byAgent.set(agent, [...(byAgent.get(agent) ?? []), id]);
  }
  return [...byAgent].map(([agent, users]) => {
    const def = workflow.agents.get(agent);
    const builtin = builtinAgents.get(agent);
    const program = def?.command
      ? programOf(def.command[0], workflow.vars)
      : builtin?.build({ prompt: '', extraArgs: [], sandboxPath: cwd }).argv[0];
    const path = program === undefined ? undefined : findProgram(program, cwd);
    return {
      agent,
      builtin: !def?.command,
      tasks: users,
      ...(program !== undefined ? { program } : {}),
      ...(path !== undefined ? { path } : {}),
    };
  });
}

/** A command's argv[0], when it depends on nothing but the workflow's variables. */
function programOf(first: Template | undefined, vars: Readonly<Record<string, string>>): string | undefined {
  if (!first || templateRefs(first).some((r) => !r.expr.startsWith('vars.'))) return undefined;
  return renderTemplate(first, (expr) => vars[expr.slice('vars.'.length)]);
}

/** One warning line per agent whose program is not installed: `run` would fail only once it starts it. */
export function missingAgentWarnings(programs: readonly AgentProgram[]): string[] {
  return programs
    .filter((p) => p.program !== undefined && p.path === undefined)
    .map(
      (p) =>
        `warning: agent "${p.agent}" (tasks: ${p.tasks.join(', ')}): "${p.program}" is not installed (not on PATH)${
          INSTALL_HINTS[p.agent] && p.builtin ? `; install it with: ${INSTALL_HINTS[p.agent]}` : ''
        }`,
    );
}
