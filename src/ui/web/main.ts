import { runsPage } from './runs-page.js';
import { runPage } from './run-page.js';

/** A page on screen: told which runs changed, and when it is left. */
export interface Page {
  changed(runs: readonly string[]): void;
  leave(): void;
  /** A run page: open a task's panel (or close it) without laying the page out again. */
  select?(task: string | undefined): void;
}

const main = document.getElementById('main')!;
const liveBadge = document.getElementById('live')!;
let page: Page | undefined;
let shown = '';

/** `#/` the runs; `#/run/<id>` a run; `#/run/<id>/<task>` a run with a task open. */
function route(): void {
  const parts = location.hash.replace(/^#\/?/, '').split('/').map(decodeURIComponent);
  const [where, run, task] = parts;
  // Opening another task of the same run keeps the page (and its layout): it only changes the panel.
  const key = where === 'run' ? `run/${run}` : 'runs';
  if (page?.select && key === shown) {
    page.select(task || undefined);
    return;
  }
  page?.leave();
  shown = key;
  main.replaceChildren();
  page = where === 'run' && run ? runPage(main, run, task || undefined) : runsPage(main);
}

/** One event stream for the whole page: which runs changed, from any orchestra process. */
function follow(): void {
  const events = new EventSource('/api/live');
  events.addEventListener('open', () => (liveBadge.textContent = 'live'));
  events.addEventListener('error', () => (liveBadge.textContent = 'reconnecting…'));
  events.addEventListener('runs', (e) =>
    page?.changed(JSON.parse((e as MessageEvent<string>).data) as string[]),
  );
}

window.addEventListener('hashchange', route);
route();
follow();
