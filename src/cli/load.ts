import type { LoadedWorkflow } from '../config/load-workflow.js';
import { loadWorkflow } from '../config/load-workflow.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { formatDiagnostics } from '../diagnostics/format-diagnostics.js';
import { Exit, ExitCode } from './exit-codes.js';
import { useColor } from './terminal.js';

/** Options every command that reads a workflow takes. */
export interface WorkflowOptions {
  file?: string;
  var?: string[];
  json?: boolean;
}

/**
 * Loads the workflow or prints its diagnostics (human or JSON) and exits with code 2.
 * @param recordedVars the variables of the run being continued, which --var overrides
 */
export async function loadOrExit(
  opts: WorkflowOptions,
  recordedVars?: Readonly<Record<string, string>>,
): Promise<LoadedWorkflow> {
  const vars = parseVars(opts.var ?? []);
  const result = await loadWorkflow(opts.file, { vars, ...(recordedVars ? { recordedVars } : {}) });
  if (result.ok) return result.value;
  printDiagnostics(result.error.diagnostics, result.error.sources, opts.json === true);
  throw new Exit(ExitCode.usage);
}

export function printDiagnostics(
  diagnostics: Diagnostic[],
  sources: ReadonlyMap<string, string>,
  json: boolean,
): void {
  if (json) {
    process.stdout.write(`${JSON.stringify({ ok: false, diagnostics })}\n`);
  } else {
    process.stderr.write(
      formatDiagnostics(diagnostics, { sources, color: useColor(process.stderr), cwd: process.cwd() }),
    );
  }
}

/** `--var k=v` pairs; a malformed one is a usage error. */
export function parseVars(pairs: readonly string[]): Record<string, string> {
  const vars: Record<string, string> = {};
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    if (eq <= 0) {
      printDiagnostics(
        [{ severity: 'error', code: 'usage', message: `--var ${pair}: expected NAME=value` }],
        new Map(),
        false,
      );
      throw new Exit(ExitCode.usage);
    }
    vars[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  return vars;
}
