import type { RunView, Span } from '../server/run-views.js';
import { duration, s } from './dom.js';

const LABEL = 160;
const TRACK = 640;
const ROW = 22;

const SPAN_TITLE: Record<Span['kind'], (label: string) => string> = {
  gate: (label) => `gate ${label}`,
  wait: () => 'waiting: rate limited',
  approval: (label) => `waiting for approval (${label})`,
};

/**
 * The timeline of a run: a row per task, a bar per attempt (red when it failed), and on it the
 * gates it ran, the waits a rate limit imposed and approvals' waits for a person (from the run's
 * event journal). The time axis runs
 * from the run's first start to its end (or now).
 */
export function gantt(view: RunView, open: (task: string) => void, now = Date.now()): SVGElement {
  const { run } = view;
  const attempts = run.selected.flatMap((id) => run.tasks[id]!.attempts.map((a) => ({ id, a })));
  const t0 = Math.min(run.startedAt, ...attempts.map(({ a }) => a.startedAt));
  const ends = [
    ...attempts.map(({ a }) => a.finishedAt ?? now),
    ...view.spans.map((sp) => sp.end),
    run.finishedAt ?? (view.live ? now : t0 + 1),
  ];
  const t1 = Math.max(t0 + 1, ...ends);
  const x = (t: number) => LABEL + ((t - t0) / (t1 - t0)) * TRACK;
  const w = (a: number, b: number) => Math.max(2, x(b) - x(a));
  const rows = run.selected.map((id, i) => {
    const t = run.tasks[id]!;
    const y = i * ROW;
    const bars = t.attempts.map((a) =>
      s(
        'rect',
        {
          x: x(a.startedAt),
          y: y + 3,
          width: w(a.startedAt, a.finishedAt ?? now),
          height: ROW - 6,
          rx: 3,
          class: `attempt${a.failure ? ' failed' : a.finishedAt === undefined ? ' running' : ''}`,
        },
        s(
          'title',
          {},
          `${id} attempt ${a.n}: ${duration((a.finishedAt ?? now) - a.startedAt)}${a.failure ? ` (${a.failure.message})` : ''}`,
        ),
      ),
    );
    const spans = view.spans
      .filter((sp) => sp.task === id)
      .map((sp) =>
        s(
          'rect',
          {
            x: x(sp.start),
            y: y + (sp.kind === 'gate' ? 8 : 1),
            width: w(sp.start, sp.end),
            height: sp.kind === 'gate' ? ROW - 16 : ROW - 2,
            class: `${sp.kind}${sp.ok === false ? ' failed' : ''}`,
          },
          s(
            'title',
            {},
            `${SPAN_TITLE[sp.kind](sp.label)}: ${duration(sp.end - sp.start)}${sp.ok === false ? ' (failed)' : ''}`,
          ),
        ),
      );
    return s(
      'g',
      {
        class: `row status-${t.status}`,
        tabindex: 0,
        role: 'link',
        'aria-label': `${id}: ${t.status}, ${t.attempts.length} attempt(s)`,
        onclick: () => open(id),
        onkeydown: (e) => {
          if ((e as KeyboardEvent).key === 'Enter') open(id);
        },
      },
      s('rect', { x: 0, y, width: LABEL + TRACK, height: ROW, class: 'row-bg' }),
      s('text', { x: 6, y: y + 15, class: 'label' }, id.length > 26 ? `${id.slice(0, 25)}…` : id),
      ...bars,
      ...spans,
    );
  });
  const integration = view.spans.filter((sp) => sp.task === null);
  const height = run.selected.length * ROW + 24;
  const axis = s(
    'text',
    { x: LABEL, y: height - 6, class: 'axis' },
    `0 → ${duration(t1 - t0)}${integration.length ? ` · integration gates: ${integration.map((g) => g.label).join(', ')}` : ''}`,
  );
  return s(
    'svg',
    {
      class: 'gantt',
      viewBox: `0 0 ${LABEL + TRACK} ${height}`,
      role: 'group',
      'aria-label': 'Timeline of attempts, gates, rate-limit waits and approval waits',
    },
    ...rows,
    axis,
  );
}
