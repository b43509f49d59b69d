import type { RunView } from '../server/run-views.js';
import { whenStopped } from './when-stopped.js';
import type { LogRef } from './api.js';
import { ApiError, getDiff } from './api.js';
import { duration, h, spend } from './dom.js';
import { logView } from './log-view.js';

/** An approval task waiting for its decision (SPEC 9.2): the page offers Approve and Reject. */
const WAITING = 'waiting';

const LIVE = new Set<string>(['running', 'verifying', 'pending', WAITING]);

/** One task of a run: its logs (agent, gates, setup), prompt, diff, usage, and its actions. */
export function taskPanel(
  runId: string,
  task: string,
  initial: RunView,
  act: (action: string, body: { tasks: string[] }) => Promise<void>,
): { element: HTMLElement; update(view: RunView): void; stop(): void } {
  let view = initial;
  const heading = h('h2', { id: 'task-heading', tabindex: -1 });
  const facts = h('dl', { class: 'facts' });
  const actions = h('div', { class: 'actions' });
  const choices = h('div', { class: 'tabs', role: 'toolbar', 'aria-label': 'What to show' });
  const body = h('div', { class: 'tab-body' });
  const element = h(
    'section',
    { class: 'task-panel', 'aria-labelledby': 'task-heading' },
    heading,
    facts,
    actions,
    choices,
    body,
  );
  let stopShown: (() => void) | undefined;
  let shown = '';
  let attemptCount = -1;

  const t = () => view.run.tasks[task]!;
  const live = () => view.live && LIVE.has(t().status);

  function showLog(ref: LogRef, key: string): void {
    stopShown?.();
    shown = key;
    const v = logView(runId, ref, live);
    stopShown = v.stop;
    body.replaceChildren(v.element);
    mark();
  }

  async function showDiff(): Promise<void> {
    stopShown?.();
    stopShown = undefined;
    shown = 'diff';
    mark();
    body.replaceChildren(h('p', {}, 'Loading the diff…'));
    try {
      const d = await getDiff(runId, task);
      body.replaceChildren(
        h(
          'p',
          { class: 'muted' },
          `git diff ${d.from.slice(0, 10)} ${d.to.slice(0, 10)}${d.cut ? ' (cut at 2 MB: see orchestra diff)' : ''}`,
        ),
        h(
          'pre',
          { class: 'diff', tabindex: 0 },
          ...d.text.split('\n').map((line) =>
            h(
              'span',
              {
                class: line.startsWith('+')
                  ? 'add'
                  : line.startsWith('-')
                    ? 'del'
                    : line.startsWith('@@')
                      ? 'hunk'
                      : '',
              },
              `${line}\n`,
            ),
          ),
        ),
      );
    } catch (e) {
      body.replaceChildren(problem(e));
    }
  }

  function mark(): void {
    for (const b of choices.querySelectorAll('button'))
      b.setAttribute('aria-pressed', String(b.dataset.key === shown));
  }

  /** The buttons: a log per attempt and per gate, the prompt, the diff. */
  function choicesFor(): void {
    const buttons: HTMLButtonElement[] = [];
    const add = (key: string, label: string, onclick: () => void) =>
      buttons.push(h('button', { type: 'button', 'data-key': key, onclick }, label));
    if (t().failure?.reason === 'setup-failed')
      add('setup', 'Setup log', () => showLog({ task, kind: 'setup' }, 'setup'));
    for (const a of t().attempts) {
      add(`log-${a.n}`, `Log #${a.n}`, () => showLog({ task, kind: 'agent', attempt: a.n }, `log-${a.n}`));
      for (const g of a.gates)
        add(`gate-${a.n}-${g.name}`, `Gate ${g.name} #${a.n}${g.ok ? '' : ' ✗'}`, () =>
          showLog({ task, kind: 'gate', attempt: a.n, gate: g.name }, `gate-${a.n}-${g.name}`),
        );
      add(`prompt-${a.n}`, `Prompt #${a.n}`, () =>
        showLog({ task, kind: 'prompt', attempt: a.n }, `prompt-${a.n}`),
      );
    }
    add('diff', 'Diff', () => void showDiff());
    choices.replaceChildren(...buttons);
    mark();
  }

  function update(next: RunView): void {
    view = next;
    const task_ = t();
    heading.textContent = `${task} — ${task_.status}`;
    const end = task_.finishedAt ?? task_.attempts.at(-1)?.finishedAt;
    const facts_: [string, string][] = [
      ['Status', task_.status + (task_.blockedBy ? ` (needs ${task_.blockedBy})` : '')],
      ['Attempts', String(task_.attempts.length)],
      ['Time', task_.startedAt === undefined ? '–' : duration((end ?? Date.now()) - task_.startedAt)],
      [
        'Usage',
        spend((task_.usage?.inputTokens ?? 0) + (task_.usage?.outputTokens ?? 0), task_.usage?.costUsd),
      ],
      ['Branch', task_.branch],
      ...(task_.failure
        ? ([['Failure', `${task_.failure.reason}: ${task_.failure.message}`]] as [string, string][])
        : []),
      // What the approver is asked, so it is read before Approve is clicked; then what was decided.
      ...(task_.approval ? ([['Approval', approvalText(task_.approval)]] as [string, string][]) : []),
      ...(task_.rateLimitWaits
        ? ([['Rate-limit waits', String(task_.rateLimitWaits)]] as [string, string][])
        : []),
    ];
    facts.replaceChildren(...facts_.flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, v)]));
    actions.replaceChildren(
      h(
        'button',
        {
          type: 'button',
          class: 'rerun',
          ...whenStopped(view.live),
          onclick: () => void act('rerun', { tasks: [task] }),
        },
        'Rerun this task',
      ),
      ...((task_.status as string) === WAITING
        ? [
            h('button', { type: 'button', onclick: () => void act('approve', { tasks: [task] }) }, 'Approve'),
            h('button', { type: 'button', onclick: () => void act('reject', { tasks: [task] }) }, 'Reject'),
          ]
        : []),
    );
    if (task_.attempts.length !== attemptCount) {
      attemptCount = task_.attempts.length;
      choicesFor();
      // A new attempt: follow it, unless the user is looking at something else.
      const last = task_.attempts.at(-1);
      if (last && (shown === '' || shown.startsWith('log-')))
        showLog({ task, kind: 'agent', attempt: last.n }, `log-${last.n}`);
      else if (!last && shown === '')
        body.replaceChildren(h('p', { class: 'muted' }, `No attempt yet (${task_.status}).`));
    }
  }

  update(view);
  return {
    element,
    update,
    stop: () => stopShown?.(),
  };
}

function approvalText(a: NonNullable<RunView['run']['tasks'][string]['approval']>): string {
  if (a.decision === undefined) return a.text;
  return `${a.text} — ${a.decision} by ${a.by ?? 'someone'}${a.note ? `: ${a.note}` : ''}`;
}

function problem(e: unknown): HTMLElement {
  if (!(e instanceof ApiError)) return h('p', { class: 'problem' }, String(e));
  return h(
    'p',
    { class: 'problem' },
    e.problem.message,
    e.problem.hint ? h('span', { class: 'hint' }, ` — ${e.problem.hint}`) : null,
  );
}
