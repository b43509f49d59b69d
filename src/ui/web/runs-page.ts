import type { RunSummary } from '../server/run-views.js';
import { getRuns } from './api.js';
import { duration, h, spend, time } from './dom.js';
import { coalesce } from './coalesce.js';
import type { Page } from './main.js';

/** The recorded runs, newest first. */
export function runsPage(main: HTMLElement): Page {
  const body = h('tbody');
  const table = h(
    'table',
    { class: 'runs' },
    h('caption', {}, 'Runs, newest first'),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        ...['Run', 'Workflow', 'Started', 'Status', 'Tasks', 'Duration', 'Spend'].map((c) =>
          h('th', { scope: 'col' }, c),
        ),
      ),
    ),
    body,
  );
  const note = h('p', { class: 'muted' });
  main.append(h('h1', {}, 'Runs'), note, table);
  let gone = false;

  async function load(): Promise<void> {
    const { repoRoot, runs } = await getRuns();
    if (gone) return;
    document.getElementById('repo')!.textContent = repoRoot;
    note.textContent = runs.length ? '' : 'No runs recorded yet: start one with "orchestra run".';
    body.replaceChildren(...runs.map(row));
  }
  const reload = coalesce(load);
  reload();
  return {
    changed: reload,
    leave: () => (gone = true),
  };
}

function row(r: RunSummary): HTMLTableRowElement {
  const tally = Object.entries(r.tasks ?? {})
    .map(([status, n]) => `${n} ${status}`)
    .join(', ');
  return h(
    'tr',
    { 'data-run': r.id },
    h('td', {}, h('a', { href: `#/run/${encodeURIComponent(r.id)}` }, r.id)),
    h('td', {}, r.workflow ?? '–'),
    h('td', {}, time(r.startedAt)),
    h(
      'td',
      {},
      h('span', { class: `badge status-${r.state}`, title: r.problem }, r.state),
      r.problem ? h('div', { class: 'problem' }, r.problem) : null,
    ),
    h('td', {}, tally || '–'),
    h('td', {}, `${duration(r.durationMs)}${r.state === 'running' ? '…' : ''}`),
    h('td', {}, spend(r.tokens, r.costUsd)),
  );
}
