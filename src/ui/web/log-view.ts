import type { LogRef } from './api.js';
import { ApiError, getLog } from './api.js';
import { h } from './dom.js';

const FOLLOW_MS = 1000;

/**
 * A log shown from its end, paged back on demand ("Earlier"), and followed while `live()` says the
 * task still runs: only the bytes asked for are read, so a log of a gigabyte shows as fast as a small one.
 */
export function logView(
  run: string,
  ref: LogRef,
  live: () => boolean,
): { element: HTMLElement; stop: () => void } {
  const pre = h('pre', { class: 'log', tabindex: 0, 'aria-label': `${ref.kind} log of ${ref.task}` });
  const info = h('span', { class: 'muted' });
  const earlier = h('button', { type: 'button', onclick: () => void back() }, 'Earlier');
  earlier.hidden = true;
  const element = h('div', { class: 'log-view' }, h('div', { class: 'log-bar' }, earlier, info), pre);
  let start = 0;
  let end = 0;
  let stopped = false;
  let timer: number | undefined;

  const show = (size: number) => {
    earlier.hidden = start === 0;
    info.textContent = size
      ? `bytes ${start.toLocaleString()}–${end.toLocaleString()} of ${size.toLocaleString()}`
      : 'empty so far';
  };

  async function first(): Promise<void> {
    try {
      const w = await getLog(run, ref);
      start = w.start;
      end = w.end;
      pre.textContent = w.text;
      show(w.size);
      pre.scrollTop = pre.scrollHeight;
    } catch (e) {
      pre.textContent = e instanceof ApiError ? e.problem.message : String(e);
    }
    schedule();
  }

  async function back(): Promise<void> {
    const w = await getLog(run, ref, { to: start });
    start = w.start;
    pre.prepend(w.text);
    show(w.size);
  }

  async function more(): Promise<void> {
    try {
      const w = await getLog(run, ref, { from: end });
      if (w.end > end) {
        const atBottom = pre.scrollTop + pre.clientHeight >= pre.scrollHeight - 4;
        pre.append(w.text);
        end = w.end;
        if (atBottom) pre.scrollTop = pre.scrollHeight;
      }
      show(w.size);
    } catch {
      // The task moved on to another attempt: the panel opens that one.
    }
    schedule();
  }

  /** While the task runs, and once after: what it wrote last is read after it stopped. */
  let last = false;
  function schedule(): void {
    if (stopped || last) return;
    if (!live()) last = true;
    timer = window.setTimeout(() => void more(), FOLLOW_MS);
  }

  void first();
  return {
    element,
    stop: () => {
      stopped = true;
      window.clearTimeout(timer);
    },
  };
}
