import type { LogRef } from './api.js';
import { ApiError, getLog } from './api.js';
import { h } from './dom.js';

const FOLLOW_MS = 1000;
/** Followed output beyond this is dropped from the top (Earlier brings it back): the tab stays small. */
const KEEP_BYTES = 2 * 1024 * 1024;
/** Further behind than this, following jumps to the end instead of reading everything in between. */
const JUMP_BYTES = 1024 * 1024;

/**
 * A log shown from its end, paged back on demand ("Earlier"), and followed while `live()` says the
 * task still runs: only the bytes asked for are read, and the page holds a window of the log, so a
 * log of a gigabyte, even one growing fast, shows as fast as a small one.
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
  /** The text nodes shown, each with the bytes it holds: [start, end) is their union. */
  let pieces: { node: Text; bytes: number }[] = [];
  let stopped = false;
  let timer: number | undefined;

  const show = (size: number) => {
    earlier.hidden = start === 0;
    info.textContent = size
      ? `bytes ${start.toLocaleString()}–${end.toLocaleString()} of ${size.toLocaleString()}`
      : 'empty so far';
  };

  const piece = (text: string, bytes: number) => ({ node: document.createTextNode(text), bytes });

  /** The log's tail, replacing what is shown. */
  async function tail(): Promise<void> {
    const w = await getLog(run, ref);
    const p = piece(w.text, w.end - w.start);
    pieces = [p];
    pre.replaceChildren(p.node);
    start = w.start;
    end = w.end;
    show(w.size);
    pre.scrollTop = pre.scrollHeight;
  }

  async function first(): Promise<void> {
    try {
      await tail();
    } catch (e) {
      pre.textContent = e instanceof ApiError ? e.problem.message : String(e);
    }
    schedule();
  }

  async function back(): Promise<void> {
    const w = await getLog(run, ref, { to: start });
    const p = piece(w.text, w.end - w.start);
    pieces.unshift(p);
    pre.prepend(p.node);
    start = w.start;
    show(w.size);
  }

  async function more(): Promise<void> {
    try {
      const w = await getLog(run, ref, { from: end });
      const atBottom = pre.scrollTop + pre.clientHeight >= pre.scrollHeight - 4;
      if (w.size - w.end > JUMP_BYTES) await tail();
      else if (w.end > end) {
        const p = piece(w.text, w.end - w.start);
        pieces.push(p);
        pre.append(p.node);
        end = w.end;
        while (end - start > KEEP_BYTES && pieces.length > 1) {
          const dropped = pieces.shift()!;
          dropped.node.remove();
          start += dropped.bytes;
        }
        show(w.size);
      }
      if (atBottom) pre.scrollTop = pre.scrollHeight;
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
