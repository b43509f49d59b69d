import type { RunView } from '../server/run-views.js';
import { act, ApiError, getRun } from './api.js';
import type { DagView } from './dag.js';
import { dagView } from './dag.js';
import { duration, h, spend, time } from './dom.js';
import { gantt } from './gantt.js';
import { coalesce } from './coalesce.js';
import type { Page } from './main.js';
import { taskPanel } from './task-panel.js';
import { whenStopped } from './when-stopped.js';
import { resultBranches } from './result-branches.js';

/** A run: its summary and actions, its DAG, its timeline, and the panel of the task opened. */
export function runPage(main: HTMLElement, runId: string, initialTask: string | undefined): Page {
  const title = h('h1', {}, `Run ${runId}`);
  const summary = h('p', { class: 'summary' });
  const message = h('p', { class: 'message', role: 'status', 'aria-live': 'polite' });
  const actions = h('div', { class: 'actions' });
  const dagSection = h('section', { 'aria-label': 'Task graph' });
  const timeline = h('section', { class: 'timeline', 'aria-label': 'Timeline' });
  const panel = h('div', { class: 'panel' });
  main.append(
    h('nav', {}, h('a', { href: '#/' }, '← Runs')),
    title,
    summary,
    actions,
    message,
    h(
      'div',
      { class: 'run-grid' },
      h('div', {}, h('h2', {}, 'Tasks'), dagSection, h('h2', {}, 'Timeline'), timeline),
      panel,
    ),
  );
  let view: RunView | undefined;
  let dag: DagView | undefined;
  let task = initialTask;
  let open: ReturnType<typeof taskPanel> | undefined;
  let gone = false;
  const go = (id: string) => (location.hash = `#/run/${encodeURIComponent(runId)}/${encodeURIComponent(id)}`);

  const say = (text: string, problem = false) => {
    message.textContent = text;
    message.classList.toggle('problem', problem);
  };

  async function act_(action: string, body: { failed?: boolean; tasks?: string[] } = {}): Promise<void> {
    try {
      say(await act(runId, action, body));
    } catch (e) {
      say(
        e instanceof ApiError
          ? `${e.problem.message}${e.problem.hint ? ` — ${e.problem.hint}` : ''}`
          : String(e),
        true,
      );
    }
  }

  function render(v: RunView): void {
    view = v;
    const r = v.run;
    main.querySelector('.damaged')?.remove();
    document.getElementById('repo')!.textContent = r.repoRoot;
    summary.replaceChildren(
      h('span', { class: `badge status-${r.state}`, 'data-state': r.state }, r.state),
      ` ${r.workflowName} · started ${time(r.startedAt)} · ${duration((r.finishedAt ?? Date.now()) - (r.history.at(-1)?.at ?? r.startedAt))}${r.state === 'running' ? '…' : ''} · ${spend(v.tokens, v.costUsd)} · base ${r.baseRef} (${r.baseCommit.slice(0, 10)})`,
      resultBranches(r).length ? ` · result ${resultBranches(r).join(', ')}` : '',
    );
    actions.replaceChildren(
      h('button', { type: 'button', ...whenStopped(v.live), onclick: () => void act_('resume') }, 'Resume'),
      h(
        'button',
        { type: 'button', ...whenStopped(v.live), onclick: () => void act_('rerun', { failed: true }) },
        'Rerun failed',
      ),
      ...(v.live ? [h('button', { type: 'button', onclick: () => void act_('cancel') }, 'Cancel run')] : []),
    );
    if (!dag || dag.key !== r.selected.join('\n')) {
      dag = dagView(v, go);
      dagSection.replaceChildren(
        dag.element,
        h(
          'p',
          { class: 'muted legend' },
          'Bold outline: the critical path (the longest chain of needs, by time taken).',
        ),
      );
    }
    dag.update(v, task);
    timeline.replaceChildren(gantt(v, go));
    showTask();
  }

  function showTask(): void {
    if (!view) return;
    if (!task || !Object.hasOwn(view.run.tasks, task)) {
      open?.stop();
      open = undefined;
      panel.replaceChildren(
        h(
          'p',
          { class: 'muted' },
          'Choose a task (in the graph or the timeline) to see its logs, prompt and diff.',
        ),
      );
      return;
    }
    if (open && panel.dataset.task === task) return open.update(view);
    open?.stop();
    panel.dataset.task = task;
    open = taskPanel(runId, task, view, act_);
    panel.replaceChildren(open.element);
  }

  async function load(): Promise<void> {
    try {
      const v = await getRun(runId);
      if (!gone) render(v);
    } catch (e) {
      if (gone) return;
      // A damaged run.json is shown as such: what is wrong with it and what to do.
      const p = e instanceof ApiError ? e.problem : { message: String(e) };
      main.querySelector('.damaged')?.remove();
      title.after(
        h(
          'div',
          { class: 'damaged problem', role: 'alert' },
          h('strong', {}, p.message),
          p.hint ? h('p', {}, p.hint) : null,
        ),
      );
    }
  }
  const reload = coalesce(load);
  reload();
  return {
    changed: (runs) => {
      if (runs.includes(runId)) reload();
    },
    select(t) {
      task = t;
      if (view) dag?.update(view, task);
      showTask();
      if (task) document.getElementById('task-heading')?.focus();
    },
    leave: () => {
      gone = true;
      open?.stop();
    },
  };
}
