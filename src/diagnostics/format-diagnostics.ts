import { codeFrame } from './code-frame.js';
import type { Diagnostic, SourceLocation } from './diagnostic.js';

export interface FormatOptions {
  /** Source text per file, for code frames. */
  sources: ReadonlyMap<string, string>;
  color: boolean;
  /** Paths are shown relative to this folder. */
  cwd: string;
}

/** The human form of diagnostics: `file:line:col  path: message`, a code frame, the hint, related places. */
export function formatDiagnostics(diagnostics: readonly Diagnostic[], opts: FormatOptions): string {
  const paint = painter(opts.color);
  const blocks = diagnostics.map((d) => {
    const where = d.location ? `${paint.bold(place(d.location, opts.cwd))}  ` : '';
    const label = d.severity === 'error' ? paint.red('error') : paint.yellow('warning');
    const lines = [`${where}${label} ${d.path ? `${d.path}: ` : ''}${d.message}`];
    const source = d.location && opts.sources.get(d.location.file);
    if (d.location && source !== undefined) lines.push(paint.dim(codeFrame(source, d.location)));
    if (d.hint) lines.push(`  ${paint.cyan('hint:')} ${d.hint}`);
    for (const r of d.related ?? []) {
      lines.push(`  ${r.location ? `${place(r.location, opts.cwd)}  ` : ''}${r.message}`);
    }
    return lines.join('\n');
  });
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const summary = `${errors} error${errors === 1 ? '' : 's'}`;
  return `${blocks.join('\n\n')}\n\n${errors > 0 ? paint.red(summary) : summary}\n`;
}

function place(loc: SourceLocation, cwd: string): string {
  const rel = loc.file.startsWith(`${cwd}/`) ? loc.file.slice(cwd.length + 1) : loc.file;
  return `${rel}:${loc.line}:${loc.col}`;
}

function painter(color: boolean) {
  const wrap = (open: number, close: number) => (s: string) =>
    color ? `\x1b[${open}m${s}\x1b[${close}m` : s;
  return { bold: wrap(1, 22), dim: wrap(2, 22), red: wrap(31, 39), yellow: wrap(33, 39), cyan: wrap(36, 39) };
}
