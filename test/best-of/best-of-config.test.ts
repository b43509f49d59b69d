import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { candidateDefs } from '../../src/best-of/candidates.js';
import { loadWorkflow } from '../../src/config/load-workflow.js';
import { formatDiagnostics } from '../../src/diagnostics/format-diagnostics.js';

let dir: string | undefined;
afterEach(() => dir && rmSync(dir, { recursive: true, force: true }));

async function load(yaml: string) {
  dir = mkdtempSync(join(tmpdir(), 'orchestra-best-of-'));
  const file = join(dir, 'orchestra.yaml');
  writeFileSync(file, yaml);
  return loadWorkflow(file);
}

async function errors(yaml: string): Promise<string> {
  const r = await load(yaml);
  if (r.ok) throw new Error('expected the workflow to fail to load');
  return formatDiagnostics(r.error.diagnostics, { sources: r.error.sources, color: false, cwd: dir! });
}

const HEAD = `agents:\n  bot: { command: [echo, "\${{ prompt }}"], model: m0 }\nroles:\n  judge: { agent: bot }\n  fast: { agent: codex, model: quick }\n`;

describe('best_of, pick and integrate.resolve in a workflow', () => {
  it('applies each candidate’s override as the task’s own keys would be', async () => {
    const r = await load(
      `${HEAD}tasks:\n  t:\n    agent: bot\n    prompt: p\n    best_of: [{ model: a }, { agent: claude }, { role: fast }, {}]\n    pick: { role: judge }\n`,
    );
    if (!r.ok) throw new Error(JSON.stringify(r.error.diagnostics));
    const task = r.value.workflow.tasks.get('t')!;
    expect(task.bestOf?.pick).toEqual({ role: 'judge' });
    const defs = candidateDefs(task, r.value.workflow);
    expect(defs.map((d) => [d.id, d.agent, d.role, d.model])).toEqual([
      ['t/candidate-1', 'bot', undefined, 'a'],
      ['t/candidate-2', 'claude', undefined, undefined],
      ['t/candidate-3', 'codex', 'fast', 'quick'],
      ['t/candidate-4', 'bot', undefined, 'm0'],
    ]);
    expect(defs.every((d) => d.bestOf === undefined)).toBe(true);
  });

  it('locates unknown agents and roles of candidates, the judge and the resolver', async () => {
    const text = await errors(
      `${HEAD}integrate:\n  resolve: { role: fixr }\ntasks:\n  t:\n    agent: bot\n    prompt: p\n    best_of: [{ agent: bott }, { role: fats }]\n    pick: { role: juge }\n`,
    );
    expect(text).toContain('orchestra.yaml:7:20  error integrate.resolve.role: unknown role "fixr"');
    expect(text).toContain(
      'orchestra.yaml:12:24  error tasks.t.best_of[0].agent: unknown agent "bott" (did you mean "bot"?)',
    );
    expect(text).toContain('orchestra.yaml:12:40  error tasks.t.best_of[1].role: unknown role "fats"');
    expect(text).toContain(
      'orchestra.yaml:13:19  error tasks.t.pick.role: unknown role "juge" (did you mean "judge"?)',
    );
  });

  it('refuses best_of on a command task, pick without best_of, and a best_of of 1', async () => {
    const text = await errors(
      `${HEAD}tasks:\n  a: { run: make, best_of: 2 }\n  b: { agent: bot, prompt: p, pick: smallest }\n  c: { agent: bot, prompt: p, best_of: 1 }\n`,
    );
    expect(text).toContain('tasks.a.best_of: best_of runs an agent several times');
    expect(text).toContain('tasks.b.pick: "pick" chooses among best_of candidates');
    expect(text).toMatch(/tasks\.c\.best_of/);
  });
});
