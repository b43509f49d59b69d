import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { RawWorkflow } from '../../src/config/workflow.js';
import { Git } from '../../src/git/git.js';
import { collectReport } from '../../src/report/collect-report.js';
import type { ReportJson, TaskReport } from '../../src/report/report-json.js';
import { renderMarkdown } from '../../src/report/render-markdown.js';
import { RunStore } from '../../src/state/run-store.js';
import type { Step } from '../support/run-fixture.js';
import { fakeClaude } from '../support/fake-claude.js';
import { HEADER, RunFixture } from '../support/run-fixture.js';

let fx: RunFixture;
afterEach(() => fx?.cleanup());

/** Runs the workflow, then reports on the run as `orchestra report` does. */
async function reportOf(yaml: string, script: Record<string, Step[]>): Promise<ReportJson> {
  const { result } = await fx.run(`name: report-test\n${yaml}`, script);
  const record = result.record;
  const store = new RunStore(fx.repo, record.id);
  const workflow = await store.loadWorkflow();
  return collectReport({
    record,
    state: record.outcome ?? 'interrupted',
    workflow: workflow.ok ? (workflow.value as RawWorkflow) : undefined,
    runDir: store.paths.dir,
    repo: new Git(fx.repo),
  });
}

/**
 * What differs between two runs of the same script: the run id, commit ids (numbered in order of
 * appearance, so equal commits stay equal), times and durations, and the temp folder.
 */
function normalise(text: string): string {
  const shas = new Map<string, string>();
  return text
    .replaceAll(fx.root, '<tmp>')
    .replace(/\d{8}-\d{6}-[0-9a-f]{4}/g, '<run>')
    .replace(/\b[0-9a-f]{40}\b|\b[0-9a-f]{7}\b/g, (sha) => {
      const key = [...shas.keys()].find((k) => k.startsWith(sha) || sha.startsWith(k)) ?? sha;
      if (!shas.has(key)) shas.set(key, `<sha${shas.size + 1}>`);
      return shas.get(key)!;
    })
    .replace(/\d{4}-\d\d-\d\d \d\d:\d\d UTC/g, '<date> UTC')
    .replace(/\b\d+(\.\d)?(ms|s)\b|\b\d+m \d\ds\b|\b\d+h \d\dm\b/g, '<t>')
    .replace(/("(?:startedAt|finishedAt|durationMs|taskDurationMs)": )\d+/g, '$1<t>');
}

const ROLES = `roles:
  dev: { agent: bot, model: small-1, forbid: ["test/**"] }
  writer: { agent: bot, allow: ["docs/**"] }
`;

describe('orchestra report', () => {
  it('a green run: result, graph, per-task gates, write scope and files (markdown and json)', async () => {
    fx = new RunFixture({ 'README.md': '# test\n', 'test/a.test.js': 'ok\n' });
    const yaml = `${HEADER}${ROLES}gates:
  check: test -f answer.txt && echo "answer present"
tasks:
  impl: { role: dev, prompt: Implement., verify: [check] }
  docs: { role: writer, prompt: Document. }
  build: { run: "echo built > build.txt", needs: [impl, docs] }
`;
    const report = await reportOf(yaml, {
      impl: [{ write: { 'answer.txt': '42\n', 'src/lib.js': 'one\ntwo\n' } }],
      docs: [{ write: { 'docs/guide.md': '# guide\n' } }],
    });
    expect(report.version).toBe(1);
    expect(report.tasks.map((t) => [t.id, t.status, t.writeScope.result])).toEqual([
      ['impl', 'succeeded', 'ok'],
      ['docs', 'succeeded', 'ok'],
      ['build', 'succeeded', 'none'],
    ]);
    await expect(normalise(renderMarkdown(report))).toMatchFileSnapshot('__snapshots__/green.md');
    await expect(normalise(`${JSON.stringify(report, null, 2)}\n`)).toMatchFileSnapshot(
      '__snapshots__/green.json',
    );
  });

  it('a run with a retry and a flaky gate: each attempt, why it failed, each gate run and its output', async () => {
    fx = new RunFixture();
    const counter = join(fx.root, 'lint-runs');
    const lint = `n=$(( $(cat ${counter} 2>/dev/null || echo 0) + 1 )); echo $n > ${counter}; [ $n -ge 2 ] || { echo "lint: flaked on run $n"; exit 1; }; echo "lint: clean"`;
    const yaml = `${HEADER}${ROLES}gates:
  check: test "$(cat answer.txt)" = 42 || { echo "answer.txt is $(cat answer.txt), expected 42"; exit 3; }
  lint:
    run: ${JSON.stringify(lint)}
    attempts: 2
tasks:
  solve: { role: dev, prompt: Solve., verify: [check, lint], retries: 1 }
`;
    const report = await reportOf(yaml, {
      solve: [{ write: { 'answer.txt': '41' } }, { write: { 'answer.txt': '42' } }],
    });
    const [first, second] = report.tasks[0]!.attempts;
    expect(first!.failure?.message).toBe('gate "check" failed (exit code 3)');
    expect(second!.gates.map((g) => [g.name, g.verdict, g.runs.length])).toEqual([
      ['check', 'passed', 1],
      ['lint', 'flaky', 2],
    ]);
    expect(report.totals.flakyGates).toBe(1);
    await expect(normalise(renderMarkdown(report))).toMatchFileSnapshot('__snapshots__/retry.md');
  });

  it('a failed run: the write-scope violation, the gate that stayed red, the blocked dependent', async () => {
    fx = new RunFixture({ 'README.md': '# test\n', 'test/a.test.js': 'ok\n' });
    const yaml = `${HEADER}${ROLES}gates:
  check: test "$(cat answer.txt)" = 42 || { echo "answer.txt is $(cat answer.txt), expected 42"; exit 3; }
tasks:
  solve: { role: dev, prompt: Solve., verify: [check], retries: 1 }
  ship: { run: "echo shipped", needs: [solve] }
  docs: { role: writer, prompt: Document. }
`;
    const report = await reportOf(yaml, {
      solve: [
        { write: { 'answer.txt': '42', 'test/a.test.js': 'weakened\n' } },
        { write: { 'answer.txt': '41', 'test/a.test.js': 'ok\n' } },
      ],
      docs: [{ write: { 'docs/guide.md': '# guide\n' } }],
    });
    expect(report.run.state).toBe('failed');
    const solve = report.tasks.find((t) => t.id === 'solve')!;
    expect(solve.attempts.map((a) => a.failure?.reason)).toEqual(['write-scope', 'gate-failed']);
    // The failed task's branch holds its last attempt: within scope again.
    expect(solve.writeScope.result).toBe('ok');
    expect(solve.files.map((f) => f.path)).toEqual(['answer.txt']);
    expect(report.tasks.find((t) => t.id === 'ship')).toMatchObject({
      status: 'blocked',
      blockedBy: 'solve',
    });
    await expect(normalise(renderMarkdown(report))).toMatchFileSnapshot('__snapshots__/failed.md');
  });

  it('a best_of run across two agents: each candidate, its gates and usage, the winner; usage counted once', async () => {
    fx = new RunFixture();
    // The built-in claude adapter reads the usage the scripted agent reports.
    const env = JSON.stringify(fakeClaude(fx));
    // One slot: the candidates run one after the other, so the record is the same each time.
    const yaml = `version: 1
sandbox: { dir: SANDBOX_DIR, keep: never, isolation: none }
concurrency: 1
agents:
  bot: { command: AGENT_COMMAND }
  claude: { env: ${env} }
${ROLES}gates:
  ok: test -f ok.txt || { echo "no ok.txt"; exit 1; }
tasks:
  feat: { role: dev, prompt: Do it., verify: [ok], best_of: [{}, { agent: claude, model: big-2 }] }
`;
    const report = await reportOf(yaml, {
      'feat/candidate-1': [{ write: { 'one.txt': '1\n' } }],
      'feat/candidate-2': [
        { write: { 'ok.txt': '2\n' }, report: { inputTokens: 2000, outputTokens: 200, costUsd: 0.25 } },
      ],
    });
    expect(report.run.state).toBe('succeeded');
    const feat = report.tasks[0]!;
    // The task ran no agent and holds no usage: the candidates did, and the totals count them once.
    expect(feat).toMatchObject({ agent: null, model: null, inputTokens: null, attempts: [] });
    expect(feat.bestOf?.winner).toBe('feat/candidate-2');
    expect(
      feat.bestOf?.candidates.map((c) => [c.id, c.status, c.agent, c.model, c.lost, c.inputTokens]),
    ).toEqual([
      ['feat/candidate-1', 'failed', 'bot', 'small-1', false, null],
      ['feat/candidate-2', 'succeeded', 'claude', 'big-2', false, 2000],
    ]);
    expect(report.totals).toMatchObject({
      tasks: 1,
      attempts: 2,
      gateRuns: 2,
      inputTokens: 2000,
      costUsd: 0.25,
    });
    await expect(normalise(renderMarkdown(report))).toMatchFileSnapshot('__snapshots__/best-of.md');
    await expect(normalise(`${JSON.stringify(report, null, 2)}\n`)).toMatchFileSnapshot(
      '__snapshots__/best-of.json',
    );
  });

  it('a best_of candidate stopped for a winner reads cancelled (lost); a judge is reported with them', async () => {
    fx = new RunFixture();
    const meet = { dir: join(fx.root, 'meet'), count: 2 };
    const yaml = `${HEADER}gates:\n  ok: test -f ok.txt\nroles:\n  judge: { agent: bot }\ntasks:
  first: { agent: bot, prompt: a, verify: [ok], best_of: 2 }
  judged: { agent: bot, prompt: b, verify: [ok], best_of: 2, pick: { role: judge }, needs: [first] }
`;
    const report = await reportOf(yaml, {
      'first/candidate-1': [{ meet, sleepMs: 60_000 }],
      'first/candidate-2': [{ meet, write: { 'ok.txt': '2' } }],
      'judged/candidate-1': [{ write: { 'ok.txt': 'a\n' } }],
      'judged/candidate-2': [{ write: { 'ok.txt': 'b\n', 'b.txt': 'b\n' } }],
      'judged/judge': [{ output: 'winner=2\n' }],
    });
    const [first, judged] = report.tasks;
    expect(first!.bestOf!.candidates.map((c) => [c.status, c.lost])).toEqual([
      ['cancelled', true],
      ['succeeded', false],
    ]);
    expect(judged!.bestOf).toMatchObject({ pick: { role: 'judge' }, winner: 'judged/candidate-2' });
    expect(judged!.bestOf!.judge).toMatchObject({ id: 'judged/judge', status: 'succeeded', agent: 'bot' });
    // Four candidates (the lost one stopped in its attempt) and the judge; the tasks themselves none.
    expect(report.totals.attempts).toBe(5);
    const md = renderMarkdown(report);
    expect(md).toContain('| ↳ [first/candidate-1](#candidate-firstcandidate-1) | ⏹️ cancelled (lost) |');
    expect(md).toContain('| ↳ [judged/judge](#judge-judgedjudge) | ✅ succeeded |');
    expect(md).toContain('#### Judge `judged/judge`');
    expect(md).toContain('**Best of 2** (pick the judge of role `judge`): `judged/candidate-2` won');
  });

  it('an integration conflict: no result branch, the tasks that collided and the files', async () => {
    fx = new RunFixture();
    const yaml = `${HEADER}tasks:\n  left: { agent: bot, prompt: l }\n  right: { agent: bot, prompt: r }\n`;
    const report = await reportOf(yaml, {
      left: [{ write: { 'same.txt': 'left\n' } }],
      right: [{ write: { 'same.txt': 'right\n' } }],
    });
    expect(report.result).toMatchObject({
      status: 'failed',
      commit: null,
      diffstat: null,
      failure: { tasks: ['left', 'right'], files: ['same.txt'] },
    });
    const md = renderMarkdown(report);
    expect(md).toContain('- **Result:** no result branch: integration failed: ');
    expect(md).toContain('- **Tasks that collided:** `left`, `right`');
    expect(md).toContain('- **Files:** `same.txt`');
  });
});

/** A made-up report of `n` tasks in a fan: enough to see how a large run reads. */
function largeReport(n: number): ReportJson {
  const ids = Array.from({ length: n }, (_, i) => `task-${String(i).padStart(3, '0')}`);
  // Ids GitHub turns into the same anchor: `a.b` and `ab` both become `task-ab`.
  ids[1] = 'a.b';
  ids[2] = 'ab';
  const tasks: TaskReport[] = ids.map((id, i) => ({
    id,
    status: i % 10 === 9 ? 'failed' : 'succeeded',
    kind: 'agent',
    role: 'dev',
    agent: 'claude',
    model: 'sonnet',
    needs: i === 0 ? [] : [ids[0]!],
    branch: `orchestra/tasks/r/${id}`,
    startCommit: 'a'.repeat(40),
    commit: i % 10 === 9 ? null : 'b'.repeat(40),
    reusedFrom: null,
    blockedBy: null,
    durationMs: 60_000 + i,
    inputTokens: 12_000,
    outputTokens: 3_000,
    costUsd: 0.1,
    failure:
      i % 10 === 9 ? { reason: 'gate-failed', message: 'gate "test" failed (exit code 1)', files: [] } : null,
    attempts: [
      {
        n: 1,
        durationMs: 60_000,
        commit: 'b'.repeat(40),
        failure: null,
        gates: [
          {
            name: 'test',
            verdict: 'passed',
            durationMs: 1000,
            runs: [{ ok: true, durationMs: 1000, log: 'x', tail: 'ok' }],
          },
        ],
      },
    ],
    diffstat: { files: 1, insertions: 3, deletions: 1 },
    files: [{ path: `src/${id}.ts`, insertions: 3, deletions: 1 }],
    writeScope: { result: 'none', allow: [], forbid: [], files: [] },
    bestOf: null,
  }));
  return {
    version: 1,
    run: {
      id: 'r',
      workflow: 'big',
      file: 'orchestra.yaml',
      state: 'failed',
      startedAt: 0,
      finishedAt: 600_000,
      durationMs: 600_000,
    },
    base: { ref: 'main', commit: 'a'.repeat(40) },
    result: {
      branch: 'orchestra/r',
      status: 'skipped',
      commit: null,
      tasks: [],
      failure: null,
      gates: [],
      diffstat: null,
      files: [],
    },
    tasks,
    totals: {
      tasks: n,
      byStatus: { succeeded: n - n / 10, failed: n / 10 },
      attempts: n,
      gateRuns: n,
      flakyGates: 0,
      taskDurationMs: 6_000_000,
      inputTokens: 1_200_000,
      outputTokens: 300_000,
      costUsd: 10,
    },
  };
}

describe('a 100-task report', () => {
  const md = renderMarkdown(largeReport(100));

  it('starts with one table of every task; details, graph and output come after it', () => {
    const tableStart = md.indexOf('## Tasks');
    const tableEnd = md.indexOf('\n\n', tableStart + '## Tasks\n\n'.length);
    const table = md.slice(tableStart, tableEnd).split('\n');
    // Heading, blank, header, alignment, 100 rows, total.
    expect(table).toHaveLength(4 + 100 + 1);
    expect(table.at(-1)).toContain('**total**');
    expect(md.indexOf('<details>')).toBeGreaterThan(tableEnd);
    expect(md.indexOf('```mermaid')).toBeGreaterThan(tableEnd);
    expect(md.slice(0, tableStart).split('\n').length).toBeLessThan(12);
  });

  it('links each row to its task heading with the anchor GitHub makes of it', () => {
    expect(md).toContain('| [a.b](#task-ab) |');
    expect(md).toContain('| [ab](#task-ab-1) |');
    expect(md).toContain('| [task-042](#task-task-042) |');
    expect(md).toContain('### Task `task-042`');
  });

  it('keeps any gate output inside its block: a longer fence than any backtick run in it', () => {
    const report = largeReport(10);
    report.tasks[0]!.attempts[0]!.gates[0]!.runs[0]!.tail = 'before\n```\n</details>\n# not a heading';
    const text = renderMarkdown(report);
    expect(text).toContain('````text\nbefore\n```\n</details>\n# not a heading\n````\n');
  });

  it('is the same text each time: nothing depends on when it is made', () => {
    expect(renderMarkdown(largeReport(100))).toBe(md);
  });
});
