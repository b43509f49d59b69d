/** Attributes of `h`: strings are set as attributes, functions as event listeners (`onclick`). */
type Props = Record<string, string | number | boolean | undefined | ((e: Event) => void)>;
type Child = Node | string | false | null | undefined;

/**
 * Makes an element. Text is always set as text, never parsed as markup: task names, log lines and
 * diffs cannot inject anything into the page.
 */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Props = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  setProps(el, props);
  el.append(...children.filter((c): c is Node | string => c !== false && c !== null && c !== undefined));
  return el;
}

const SVG = 'http://www.w3.org/2000/svg';

/** An SVG element, like `h`. */
export function s(tag: string, props: Props = {}, ...children: Child[]): SVGElement {
  const el = document.createElementNS(SVG, tag);
  setProps(el, props);
  el.append(...children.filter((c): c is Node | string => c !== false && c !== null && c !== undefined));
  return el;
}

function setProps(el: Element, props: Props): void {
  for (const [k, v] of Object.entries(props)) {
    if (typeof v === 'function') el.addEventListener(k.slice(2), v);
    else if (v === true) el.setAttribute(k, '');
    else if (v !== undefined && v !== false) el.setAttribute(k, String(v));
  }
}

/** `1 h 4 m`, `3.2 s`: how long something took. */
export function duration(ms: number | undefined): string {
  if (ms === undefined) return '–';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const sec = ms / 1000;
  if (sec < 60) return `${sec.toFixed(1)} s`;
  const min = Math.floor(sec / 60);
  if (min < 60) return `${min} m ${Math.round(sec % 60)} s`;
  return `${Math.floor(min / 60)} h ${min % 60} m`;
}

/** Spend as the run's agents reported it. */
export function spend(tokens: number | undefined, costUsd: number | undefined): string {
  const parts = [];
  if (tokens) parts.push(`${tokens.toLocaleString()} tok`);
  if (costUsd) parts.push(`$${costUsd.toFixed(4)}`);
  return parts.join(' · ') || '–';
}

export function time(ms: number | undefined): string {
  return ms === undefined ? '–' : new Date(ms).toLocaleString();
}
