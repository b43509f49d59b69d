import { didYouMean } from '../../util/did-you-mean.js';
import type { ConfigIssue } from '../config-issue.js';
import type { YamlPath } from '../source-document.js';
import { BUILTIN_AGENTS } from '../workflow.js';
import type { Rule } from './rule.js';

/** Every name a workflow uses — needs, roles, agents, gates — must exist. */
export const references: Rule = ({ workflow }) => {
  const issues: ConfigIssue[] = [];
  const taskIds = [...workflow.tasks.keys()];
  const roleNames = [...workflow.roles.keys()];
  const gateNames = [...workflow.gates.keys()];
  const agentNames = [...new Set([...BUILTIN_AGENTS, ...workflow.agents.keys()])];

  const check = (name: string, known: string[], path: YamlPath, what: string, hint: string) => {
    if (!known.includes(name)) {
      issues.push({
        code: `unknown-${what}` as ConfigIssue['code'],
        path,
        message: `unknown ${what} "${name}"${didYouMean(name, known)}`,
        hint,
      });
    }
  };
  const declared = (what: string, names: string[]) =>
    names.length ? `declared ${what}s: ${names.join(', ')}` : `no ${what}s are declared`;

  for (const t of workflow.tasks.values()) {
    t.needs.forEach((n, i) =>
      check(n, taskIds, ['tasks', t.id, 'needs', i], 'task', declared('task', taskIds)),
    );
    t.verify.forEach((g, i) =>
      check(
        g,
        gateNames,
        ['tasks', t.id, 'verify', i],
        'gate',
        `${declared('gate', gateNames)} (under "gates:")`,
      ),
    );
    if (t.role) check(t.role, roleNames, ['tasks', t.id, 'role'], 'role', declared('role', roleNames));
    const raw = workflow.raw.tasks[t.id];
    if (raw?.agent)
      check(raw.agent, agentNames, ['tasks', t.id, 'agent'], 'agent', `agents: ${agentNames.join(', ')}`);
  }
  for (const r of workflow.roles.values()) {
    if (r.agent)
      check(r.agent, agentNames, ['roles', r.name, 'agent'], 'agent', `agents: ${agentNames.join(', ')}`);
  }
  for (const a of workflow.agents.values()) {
    if (!a.command && !(BUILTIN_AGENTS as readonly string[]).includes(a.name)) {
      issues.push({
        code: 'agent-command-missing',
        path: ['agents', a.name],
        target: 'key',
        message: `agent "${a.name}" is not built in and has no "command"`,
        hint: `built-in agents: ${BUILTIN_AGENTS.join(', ')}; any other CLI needs e.g. command: [my-agent, "\${{ prompt }}"]`,
      });
    }
  }
  workflow.integrate.tasks?.forEach((n, i) =>
    check(n, taskIds, ['integrate', 'tasks', i], 'task', declared('task', taskIds)),
  );
  workflow.integrate.verify.forEach((g, i) =>
    check(g, gateNames, ['integrate', 'verify', i], 'gate', declared('gate', gateNames)),
  );
  return issues;
};
