import { createHash } from 'node:crypto';
import { parseTemplate, templateRefs } from '../config/template.js';
import type { RawWorkflow } from '../config/workflow.js';
import { isRecord } from '../util/is-record.js';

/**
 * What a task's result depends on besides its inputs: its own definition, its role, its agent, the
 * gates it must pass and the values of the variables its texts use. Equal hashes mean the task would
 * be asked to do the same thing.
 */
export function definitionHash(
  raw: RawWorkflow,
  task: string,
  vars: Readonly<Record<string, string>>,
): string {
  const def = raw.tasks[task];
  if (!def) return 'missing';
  const role = def.role ? raw.roles?.[def.role] : undefined;
  const agentName = def.agent ?? role?.agent;
  const agent = agentName ? (raw.agents?.[agentName] ?? agentName) : undefined;
  const gates = (def.verify ?? []).map((g) => [g, raw.gates?.[g]]);
  // Every text rendered while the task runs: its gates, agent command and setup decide its result too.
  const texts = [
    def.prompt,
    def.run,
    role?.instructions,
    ...values(def.env),
    ...gates.flatMap(([, g]): unknown[] => (isRecord(g) ? [g.run, ...values(g.env)] : [g])),
    ...(isRecord(agent) ? [...values(agent.command), ...values(agent.env)] : []),
    ...(def.sandbox?.setup ?? raw.sandbox?.setup ?? []),
  ].filter((t): t is string => typeof t === 'string');
  const usedVars = [
    ...new Set(
      texts.flatMap((t) =>
        templateRefs(parseTemplate(t).template)
          .map((r) => r.expr)
          .filter((e) => e.startsWith('vars.'))
          .map((e) => e.slice(5)),
      ),
    ),
  ]
    .sort()
    .map((v) => [v, vars[v]]);
  return hash({ def, role, agent, gates, usedVars, sandbox: raw.sandbox?.setup });
}

/** The items of a list, or the values of a mapping. */
function values(v: unknown): unknown[] {
  return Array.isArray(v) ? (v as unknown[]) : isRecord(v) ? Object.values(v) : [];
}

/** The definition plus the commits the task starts from: equal fingerprints may reuse a result. */
export function fingerprint(definition: string, startCommits: readonly string[]): string {
  return hash({ definition, startCommits });
}

function hash(value: unknown): string {
  return createHash('sha256').update(canonical(value)).digest('hex').slice(0, 24);
}

/** JSON with sorted keys, so the same definition always hashes the same. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
