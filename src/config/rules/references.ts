import { didYouMean } from '../../util/did-you-mean.js';
import type { ConfigIssue } from '../config-issue.js';
import { isRecord } from '../../util/is-record.js';
import type { YamlPath } from '../source-document.js';
import { BUILTIN_AGENTS } from '../workflow.js';
import type { Rule } from './rule.js';

type Kind = 'task' | 'role' | 'gate' | 'agent';

/**
 * Every name a workflow uses — needs, roles, agents, gates — must exist. Names are checked against
 * the keys as written, so a definition the schema rejected (a role that is a string, say) is not
 * also reported as unknown wherever it is used.
 */
export const references: Rule = ({ workflow }) => {
  const issues: ConfigIssue[] = [];
  const keys = (v: unknown) => (isRecord(v) ? Object.keys(v) : []);
  const known: Record<Kind, string[]> = {
    task: keys(workflow.raw.tasks),
    role: keys(workflow.raw.roles),
    gate: keys(workflow.raw.gates),
    agent: [...new Set([...BUILTIN_AGENTS, ...keys(workflow.raw.agents)])],
  };
  const sets = Object.fromEntries(Object.entries(known).map(([k, v]) => [k, new Set(v)])) as Record<
    Kind,
    Set<string>
  >;

  const check = (name: string, kind: Kind, path: YamlPath) => {
    if (sets[kind].has(name)) return;
    // The hint is built only for names that fail: a large workflow has thousands of references.
    const names = known[kind];
    const listed =
      names.length > 12 ? `${names.slice(0, 12).join(', ')}, … (${names.length} in all)` : names.join(', ');
    issues.push({
      code: `unknown-${kind}`,
      path,
      message: `unknown ${kind} "${name}"${didYouMean(name, names)}`,
      hint: names.length
        ? `${kind === 'agent' ? 'agents' : `declared ${kind}s`}: ${listed}`
        : `no ${kind}s are declared${kind === 'gate' ? ' (under "gates:")' : ''}`,
    });
  };

  for (const t of workflow.tasks.values()) {
    t.needs.forEach((n, i) => check(n, 'task', ['tasks', t.id, 'needs', i]));
    t.verify.forEach((g, i) => check(g, 'gate', ['tasks', t.id, 'verify', i]));
    if (t.role) check(t.role, 'role', ['tasks', t.id, 'role']);
    const raw = workflow.raw.tasks[t.id];
    if (raw?.agent) check(raw.agent, 'agent', ['tasks', t.id, 'agent']);
    const pick = t.bestOf?.pick;
    if (typeof pick === 'object') check(pick.role, 'role', ['tasks', t.id, 'pick', 'role']);
    if (Array.isArray(raw?.best_of))
      t.bestOf?.candidates.forEach((c, i) => {
        if (c.agent) check(c.agent, 'agent', ['tasks', t.id, 'best_of', i, 'agent']);
        if (c.role) check(c.role, 'role', ['tasks', t.id, 'best_of', i, 'role']);
      });
  }
  for (const r of workflow.roles.values()) if (r.agent) check(r.agent, 'agent', ['roles', r.name, 'agent']);
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
  workflow.integrate.tasks?.forEach((n, i) => check(n, 'task', ['integrate', 'tasks', i]));
  workflow.integrate.verify.forEach((g, i) => check(g, 'gate', ['integrate', 'verify', i]));
  const resolver = workflow.integrate.resolve;
  if (resolver) check(resolver.role, 'role', ['integrate', 'resolve', 'role']);
  return issues;
};
