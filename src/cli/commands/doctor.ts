import { loadWorkflow } from '../../config/load-workflow.js';
import type { Check } from '../../doctor/checks.js';
import { runChecks } from '../../doctor/checks.js';
import { Exit, ExitCode } from '../exit-codes.js';
import type { WorkflowOptions } from '../load.js';
import { parseVars, printDiagnostics } from '../load.js';
import { repoOrExit } from '../repo.js';

/** `orchestra doctor`: what a run needs from this machine, one line per check; exit 1 if one fails. */
export async function doctorCommand(opts: WorkflowOptions): Promise<number> {
  const json = opts.json === true;
  const repoRoot = await repoOrExit(json);
  const loaded = await loadWorkflow(opts.file, { vars: parseVars(opts.var ?? []) });
  const missing = !loaded.ok && loaded.error.diagnostics.every((d) => d.code === 'config-not-found');
  if (!loaded.ok && !missing) {
    printDiagnostics(loaded.error.diagnostics, loaded.error.sources, json);
    throw new Exit(ExitCode.usage);
  }
  const workflow = loaded.ok ? loaded.value.workflow : undefined;
  const checks: Check[] = [
    ...(workflow
      ? []
      : [
          {
            name: 'workflow',
            level: 'warn' as const,
            detail: 'no workflow found: its agents and modeline are not checked',
            hint: 'create one with "orchestra init", or name it with -f',
          },
        ]),
    ...(await runChecks(repoRoot, workflow)),
  ];
  const failed = checks.some((c) => c.level === 'fail');
  if (json) {
    process.stdout.write(`${JSON.stringify({ ok: !failed, checks })}\n`);
  } else {
    const lines = checks.flatMap((c) => [
      `${c.level.padEnd(4)}  ${c.name}: ${c.detail}`,
      ...(c.hint && c.level !== 'ok' ? [`      hint: ${c.hint}`] : []),
    ]);
    process.stdout.write(`${lines.join('\n')}\n`);
  }
  return failed ? ExitCode.failed : ExitCode.ok;
}
