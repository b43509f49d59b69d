import type { SourceLocation } from './diagnostic.js';

/**
 * The offending line with one line of context before it and a caret underline, vite/babel style.
 * Long lines are cut around the column so the caret stays visible.
 */
export function codeFrame(source: string, loc: SourceLocation): string {
  const lines = source.split(/\r?\n/);
  const width = String(loc.line).length;
  const out: string[] = [];
  for (let n = Math.max(1, loc.line - 1); n <= loc.line; n++) {
    const text = lines[n - 1];
    if (text === undefined) continue;
    const { shown, shift } = clip(text, n === loc.line ? loc.col : 1);
    out.push(`${n === loc.line ? '>' : ' '} ${String(n).padStart(width)} | ${printable(shown)}`);
    if (n === loc.line) {
      const col = Math.max(1, loc.col - shift);
      const length = Math.max(1, Math.min(loc.length, shown.length - col + 1));
      out.push(`  ${' '.repeat(width)} | ${' '.repeat(col - 1)}${'^'.repeat(length)}`);
    }
  }
  return out.join('\n');
}

const MAX = 100;

function clip(text: string, col: number): { shown: string; shift: number } {
  if (text.length <= MAX) return { shown: text, shift: 0 };
  const shift = Math.max(0, Math.min(col - 20, text.length - MAX));
  return { shown: text.slice(shift, shift + MAX), shift };
}

// Tabs and control bytes would misalign the caret or garble the terminal.
function printable(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\t/g, ' ').replace(/[\u0000-\u001f\u007f]/g, '?');
}
