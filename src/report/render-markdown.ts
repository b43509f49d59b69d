import type { TaskStatus } from '../events/task-status.js';
import { nodeId } from '../graph/render-graph.js';
import { TALLY_ORDER } from '../reporters/describe.js';
import { formatCost, formatDuration, formatTokens, shortSha } from '../reporters/format.js';
import type {
  AttemptReport,
  CandidateReport,
  Diffstat,
  FailureReport,
  FileChange,
  GateReport,
  ReportJson,
  TaskReport,
} from './report-json.js';
import { helpersOf, workOf } from './work-of.js';

/** Files listed per task; the diffstat above the list counts them all. */
const MAX_FILES = 50;

const ICON: Record<TaskStatus | 'flaky' | 'passed', string> = {
  succeeded: '✅',
  passed: '✅',
  failed: '❌',
  blocked: '⛔',
  cancelled: '⏹️',
  skipped: '♻️',
  pending: '⏸️',
  waiting: '✋',
  running: '🔄',
  verifying: '🔄',
  interrupted: '⚠️',
  flaky: '⚠️',
};

/** Mermaid node colours per status (GitHub's light palette, readable in its dark theme too). */
const CLASS_DEF: Partial<Record<TaskStatus, string>> = {
  succeeded: 'fill:#dafbe1,stroke:#1a7f37,color:#000',
  failed: 'fill:#ffebe9,stroke:#cf222e,color:#000',
  blocked: 'fill:#fff8c5,stroke:#9a6700,color:#000',
  cancelled: 'fill:#eaeef2,stroke:#57606a,color:#000',
  skipped: 'fill:#ddf4ff,stroke:#0969da,color:#000',
  interrupted: 'fill:#fff8c5,stroke:#9a6700,color:#000',
};

/**
 * The report as Markdown for a pull request: a header, one table row per task, the graph, then the
 * details of each task (attempts, gates with their output, files), the integration, and totals.
 */
export function renderMarkdown(report: ReportJson): string {
  const anchors = taskAnchors(report.tasks);
  const sections = [
    header(report),
    taskTable(report, anchors),
    graph(report),
    ['## Details', ...report.tasks.map((t) => taskDetails(t))].join('\n\n'),
    integration(report),
    totals(report),
  ];
  return `${sections.join('\n\n')}\n`;
}

/** One task's part of the report (`orchestra job`'s step summary): its details under a heading of its run. */
export function renderTaskMarkdown(report: ReportJson, task: string): string {
  const t = report.tasks.find((r) => r.id === task);
  const details = t ? taskDetails(t, '## Task') : `## Task ${code(task)}\n\nNot in the record.`;
  return `${details}\n\nRun ${code(report.run.id)} of workflow **${text(report.run.workflow)}**.\n`;
}

function header(r: ReportJson): string {
  const state = r.run.state === 'succeeded' ? 'succeeded' : r.run.state;
  const icon = r.run.state === 'succeeded' ? '✅' : r.run.state === 'failed' ? '❌' : '⚠️';
  const started = new Date(r.run.startedAt).toISOString().replace('T', ' ').slice(0, 16);
  const took = r.run.durationMs === null ? '' : `, took ${formatDuration(r.run.durationMs)}`;
  const lines = [
    `# ${icon} orchestra run ${code(r.run.id)}: ${state}`,
    '',
    `Workflow **${text(r.run.workflow)}** (${code(r.run.file)}), started ${started} UTC${took}.`,
    '',
    `- **Base:** ${code(r.base.ref)} at ${code(shortSha(r.base.commit))}`,
    `- **Result:** ${resultLine(r)}`,
  ];
  const flaky = r.tasks
    .flatMap(workOf)
    .flatMap((t) =>
      t.attempts.flatMap((a) =>
        a.gates.filter((g) => g.verdict === 'flaky').map((g) => `${text(g.name)} (${text(t.id)})`),
      ),
    );
  flaky.push(
    ...r.result.gates.filter((g) => g.verdict === 'flaky').map((g) => `${text(g.name)} (integration)`),
  );
  if (flaky.length)
    lines.push(
      `- ${ICON.flaky} **Flaky gates** (failed, then passed on a rerun of the same commit): ${flaky.join(', ')}`,
    );
  return lines.join('\n');
}

function resultLine(r: ReportJson): string {
  const res = r.result;
  if (res.status === 'succeeded' && res.commit !== null)
    return `branch ${code(res.branch)} at ${code(shortSha(res.commit))}${res.diffstat ? ` (${stat(res.diffstat)})` : ''}`;
  if (res.status === 'failed')
    return `no result branch: integration failed: ${text(res.failure?.message ?? '')}`;
  return `no result branch (integration ${res.status})`;
}

function taskTable(r: ReportJson, anchors: Map<string, string>): string {
  const head = [
    'task',
    'status',
    'agent',
    'attempts',
    'gates',
    'changes',
    'time',
    'tokens in/out',
    'cost',
    'note',
  ];
  const rows = r.tasks
    .flatMap((t) => [t, ...helpersOf(t)])
    .map((t) => [
      t.id.includes('/')
        ? `↳ [${text(t.id)}](#${anchors.get(t.id)!})`
        : `[${text(t.id)}](#${anchors.get(t.id)!})`,
      `${ICON[t.status]} ${statusWord(t.status, t)}`,
      who(t),
      t.attempts.length ? String(t.attempts.length) : '–',
      gateCell(t.attempts.at(-1)?.gates ?? []),
      t.diffstat ? stat(t.diffstat) : '–',
      t.durationMs === null ? '–' : formatDuration(t.durationMs),
      tokens(t.inputTokens, t.outputTokens),
      cost(t.costUsd),
      note(t),
    ]);
  const totals = r.totals;
  rows.push([
    '**total**',
    '',
    '',
    String(totals.attempts),
    '',
    r.result.diffstat ? `${stat(r.result.diffstat)} (result)` : '',
    formatDuration(totals.taskDurationMs),
    tokens(totals.inputTokens, totals.outputTokens),
    cost(totals.costUsd),
    '',
  ]);
  const align = ['---', '---', '---', '--:', '---', '---', '--:', '--:', '--:', '---'];
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return ['## Tasks', '', line(head), line(align), ...rows.map(line)].join('\n');
}

function who(t: TaskReport): string {
  if (t.bestOf) return `best of ${t.bestOf.candidates.length}`;
  if (t.kind === 'command') return 'command';
  if (t.agent === null) return '–';
  return `${text(t.agent)}${t.model ? ` (${text(t.model)})` : ''}`;
}

function gateCell(gates: GateReport[]): string {
  return gates.map((g) => `${text(g.name)} ${ICON[g.verdict]}`).join(' ') || '–';
}

function note(t: TaskReport): string {
  if (t.failure) return text(t.failure.reason);
  if (t.bestOf?.winner) return `${text(t.bestOf.winner)} won`;
  if (t.status === 'blocked' && t.blockedBy) return `needs ${text(t.blockedBy)}`;
  if (t.reusedFrom) return `reused from ${code(t.reusedFrom)}`;
  const flaky = t.attempts.flatMap((a) => a.gates).filter((g) => g.verdict === 'flaky');
  if (flaky.length) return `flaky: ${flaky.map((g) => text(g.name)).join(', ')}`;
  return '';
}

function graph(r: ReportJson): string {
  const lines = ['flowchart TD'];
  for (const t of r.tasks)
    lines.push(`  ${nodeId(t.id)}["${t.id}<br/>${ICON[t.status]} ${statusWord(t.status)}"]`);
  for (const t of r.tasks) for (const n of t.needs) lines.push(`  ${nodeId(n)} --> ${nodeId(t.id)}`);
  const used = new Set(r.tasks.map((t) => t.status));
  for (const [status, style] of Object.entries(CLASS_DEF))
    if (used.has(status as TaskStatus)) {
      lines.push(`  classDef ${status} ${style}`);
      const members = r.tasks.filter((t) => t.status === status).map((t) => nodeId(t.id));
      lines.push(`  class ${members.join(',')} ${status}`);
    }
  return ['## Graph', '', '```mermaid', ...lines, '```'].join('\n');
}

function taskDetails(t: TaskReport, heading = '### Task'): string {
  const facts = [
    `${ICON[t.status]} **${statusWord(t.status, t)}**`,
    t.kind === 'command' ? 'a command' : null,
    t.role ? `role ${code(t.role)}` : null,
    t.agent ? `agent ${code(t.agent)}` : null,
    t.model ? `model ${code(t.model)}` : null,
    t.durationMs === null ? null : formatDuration(t.durationMs),
    t.inputTokens !== null || t.outputTokens !== null
      ? `${tokens(t.inputTokens, t.outputTokens)} tokens`
      : null,
    t.costUsd === null ? null : cost(t.costUsd),
  ].filter((f) => f !== null);
  const out = [`${heading} ${code(t.id)}`, '', facts.join(' · ')];
  const where = [
    t.commit
      ? `Result ${code(shortSha(t.commit))} on ${code(t.branch)}`
      : t.startCommit
        ? `Branch ${code(t.branch)}`
        : 'No branch',
    t.startCommit ? `started from ${code(shortSha(t.startCommit))}` : null,
    t.needs.length ? `needs ${t.needs.map(code).join(', ')}` : null,
  ].filter((f) => f !== null);
  out.push('', `${where.join(', ')}.`);
  if (t.reusedFrom) out.push('', `Reused from run ${code(t.reusedFrom)}: it did not run in this one.`);
  if (t.blockedBy) out.push('', `Not run: ${code(t.blockedBy)}, which it needs, has no result.`);
  if (t.failure) out.push('', `**Failed:** ${failure(t.failure)}`);
  out.push('', `**Write scope:** ${scope(t.writeScope)}`);
  for (const a of t.attempts) out.push('', attempt(a));
  if (t.diffstat) out.push('', `**Files changed** (${stat(t.diffstat)})`, '', fileTable(t.files));
  if (t.bestOf) {
    const b = t.bestOf;
    const pick = typeof b.pick === 'object' ? `the judge of role ${code(b.pick.role)}` : b.pick;
    const won = b.winner ? `${code(b.winner)} won, its result is the task's` : 'no candidate won';
    out.push('', `**Best of ${b.candidates.length}** (pick ${pick}): ${won}. Each ran as a task:`);
    for (const h of helpersOf(t)) out.push('', taskDetails(h, helperHeading(h)));
  }
  return out.join('\n');
}

function helperHeading(h: TaskReport): string {
  return 'lost' in h ? '#### Candidate' : '#### Judge';
}

function scope(s: TaskReport['writeScope']): string {
  const rules = [
    s.allow.length ? `allow ${s.allow.map(code).join(', ')}` : null,
    s.forbid.length ? `forbid ${s.forbid.map(code).join(', ')}` : null,
  ].filter((f) => f !== null);
  switch (s.result) {
    case 'none':
      return 'none (no allow/forbid)';
    case 'unknown':
      return `not checked: no change to check (${rules.join('; ')})`;
    case 'ok':
      return `${ICON.passed} every change inside (${rules.join('; ')})`;
    case 'violated':
      return `${ICON.failed} outside (${rules.join('; ')}): ${s.files.map(code).join(', ')}`;
  }
}

function attempt(a: AttemptReport): string {
  const verdict = a.failure
    ? `${ICON.failed} ${failure(a.failure)}`
    : a.durationMs === null
      ? 'did not finish'
      : `${ICON.passed} passed`;
  const took = a.durationMs === null ? '' : ` (${formatDuration(a.durationMs)})`;
  const lines = [`**Attempt ${a.n}**${took}: ${verdict}`];
  for (const g of a.gates) lines.push('', gate(g));
  return lines.join('\n');
}

function gate(g: GateReport): string {
  const verdict =
    g.verdict === 'flaky'
      ? `${ICON.flaky} flaky: failed, then passed on run ${g.runs.length}`
      : `${ICON[g.verdict]} ${g.verdict}${g.runs.length > 1 ? ` ${g.runs.length} runs` : ''}`;
  const body = g.runs.flatMap((run, i) => [
    ...(g.runs.length > 1
      ? [
          `Run ${i + 1}: ${run.ok ? 'passed' : 'failed'} in ${formatDuration(run.durationMs)}, ${code(run.log)}`,
          '',
        ]
      : [`${code(run.log)}`, '']),
    fenced(run.tail === '' ? '(no output)' : run.tail),
    '',
  ]);
  return [
    `<details><summary>gate <code>${html(g.name)}</code>: ${verdict} in ${formatDuration(g.durationMs)}</summary>`,
    '',
    ...body,
    '</details>',
  ].join('\n');
}

function fileTable(files: FileChange[]): string {
  const shown = files.slice(0, MAX_FILES);
  const count = (n: number | null) => (n === null ? 'binary' : String(n));
  // A pipe in a table cell ends the cell, even inside a code span, unless escaped.
  const path = (p: string) => code(p).replace(/\|/g, '\\|');
  const rows = shown.map((f) => `| ${path(f.path)} | ${count(f.insertions)} | ${count(f.deletions)} |`);
  const more = files.length > shown.length ? [`| … and ${files.length - shown.length} more | | |`] : [];
  return ['| file | + | − |', '| --- | --: | --: |', ...rows, ...more].join('\n');
}

function integration(r: ReportJson): string {
  const res = r.result;
  const out = ['## Integration', '', `- **Result:** ${resultLine(r)}`];
  // Across repositories, each other one's result branch.
  for (const repo of r.repos ?? [])
    out.push(
      `- **Result in ${text(repo.name)}:** ${repo.branch ? `${code(repo.branch)}${repo.commit ? ` at ${code(repo.commit.slice(0, 10))}` : ''}` : `none${repo.failure ? `: ${text(repo.failure)}` : ''}`}`,
    );
  if (res.tasks.length) out.push(`- **Merged:** ${res.tasks.map(code).join(', ')}`);
  if (res.failure?.tasks.length)
    out.push(`- **Tasks that collided:** ${res.failure.tasks.map(code).join(', ')}`);
  if (res.failure?.files.length) out.push(`- **Files:** ${res.failure.files.map(code).join(', ')}`);
  for (const g of res.gates) out.push('', gate(g));
  if (res.diffstat)
    out.push('', `**Files changed** from the base (${stat(res.diffstat)})`, '', fileTable(res.files));
  return out.join('\n');
}

function totals(r: ReportJson): string {
  const t = r.totals;
  const statuses = [...TALLY_ORDER, 'pending' as const, 'running' as const, 'verifying' as const]
    .filter((status) => t.byStatus[status])
    .map((status) => `${t.byStatus[status]} ${statusWord(status)}`)
    .join(', ');
  const rows: [string, string][] = [
    ['tasks', `${t.tasks}${statuses ? ` (${statuses})` : ''}`],
    ['attempts', String(t.attempts)],
    ['gate runs', `${t.gateRuns}${t.flakyGates ? ` (${t.flakyGates} flaky)` : ''}`],
    ['task time', formatDuration(t.taskDurationMs)],
    ['run time', r.run.durationMs === null ? '–' : formatDuration(r.run.durationMs)],
    ['tokens in/out', tokens(t.inputTokens, t.outputTokens)],
    ['cost', cost(t.costUsd)],
  ];
  return ['## Totals', '', '| | |', '| --- | --: |', ...rows.map(([k, v]) => `| ${k} | ${v} |`)].join('\n');
}

function statusWord(status: TaskStatus, t?: TaskReport | CandidateReport): string {
  if (t !== undefined && 'lost' in t && t.lost) return `${status} (lost)`;
  return status === 'skipped' ? 'reused' : status;
}

function failure(f: FailureReport): string {
  return `${text(f.reason)}: ${text(f.message)}`;
}

function stat(d: Diffstat): string {
  return `${d.files} file${d.files === 1 ? '' : 's'}, +${d.insertions} −${d.deletions}`;
}

function tokens(input: number | null, output: number | null): string {
  return (
    formatTokens({
      ...(input !== null ? { inputTokens: input } : {}),
      ...(output !== null ? { outputTokens: output } : {}),
    }) ?? '–'
  );
}

function cost(usd: number | null): string {
  return formatCost(usd ?? undefined) ?? '–';
}

/**
 * GitHub's heading anchors (`### Task a.b` → `task-ab`, `#### Candidate a/candidate-1` →
 * `candidate-acandidate-1`), numbered as GitHub numbers repeats. The other headings (tasks, graph,
 * details, integration, totals) cannot collide: they lack `task-`, `candidate-` and `judge-`.
 */
function taskAnchors(tasks: TaskReport[]): Map<string, string> {
  const seen = new Map<string, number>();
  const anchors = new Map<string, string>();
  const headings = tasks.flatMap((t) => [
    { id: t.id, title: `task ${t.id}` },
    ...helpersOf(t).map((h) => ({ id: h.id, title: `${helperHeading(h).slice(5)} ${h.id}` })),
  ]);
  for (const t of headings) {
    const slug = t.title
      .toLowerCase()
      .replace(/[^a-z0-9 _-]/g, '')
      .replace(/ /g, '-');
    const n = seen.get(slug) ?? 0;
    seen.set(slug, n + 1);
    anchors.set(t.id, n === 0 ? slug : `${slug}-${n}`);
  }
  return anchors;
}

/** Text safe in a table cell and in running Markdown. */
function text(s: string): string {
  return html(s)
    .replace(/[\\`*_[\]|#]/g, (c) => `\\${c}`)
    .replace(/\r?\n/g, ' ');
}

function html(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** An inline code span that holds any text, backticks included. */
function code(s: string): string {
  const flat = s.replace(/\r?\n/g, ' ');
  const ticks = '`'.repeat(longestRun(flat, '`') + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') ? ' ' : '';
  return `${ticks}${pad}${flat}${pad}${ticks}`;
}

/** A fenced block longer than any backtick run inside it, so no output can close it early. */
function fenced(body: string): string {
  const fence = '`'.repeat(Math.max(3, longestRun(body, '`') + 1));
  return `${fence}text\n${body}\n${fence}`;
}

function longestRun(s: string, c: string): number {
  let best = 0;
  let now = 0;
  for (const ch of s) {
    now = ch === c ? now + 1 : 0;
    best = Math.max(best, now);
  }
  return best;
}
