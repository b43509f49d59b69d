import type { LoadedWorkflow } from '../../config/load-workflow.js';
import type { Keep } from '../../config/workflow.js';
import type { Notify } from '../../config/workflow-types.js';
import { runNotify } from '../../notify/run-notify.js';
import { prepareRun, runWorkflow } from '../../engine/run-workflow.js';
import { repoRecords } from '../../repos/integrate-repos.js';
import { findReusable } from '../../engine/reuse.js';
import { checkoutWarnings } from '../../engine/checkout-warnings.js';
import { probeRepo, type StartProbe } from '../../engine/start-probe.js';
import type { Reusable } from '../../engine/reuse.js';
import type { RunResult } from '../../engine/run-workflow.js';
import type { FailureMode } from '../../engine/scheduler.js';
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import type { EventSink } from '../../events/engine-event.js';
import type { Result } from '../../util/result.js';
import { createReporter, pickReporterKind } from '../../reporters/reporter.js';
import { Git } from '../../git/git.js';
import { agentPrograms, missingAgentWarnings } from '../../doctor/agent-programs.js';
import { Exit, ExitCode } from '../exit-codes.js';
import type { WorkflowOptions } from '../load.js';
import { loadOrExit, printDiagnostics } from '../load.js';
import { useColor } from '../terminal.js';
import { eventJournal } from '../../ui/event-journal.js';

export interface RunFlags extends WorkflowOptions {
  concurrency?: number;
  dryRun?: boolean;
  failFast?: boolean;
  failureMode?: FailureMode;
  keep?: Keep;
  reuse?: boolean;
  push?: boolean;
}

/** `orchestra run [task…]`: runs the DAG (or those tasks and what they need), then integrates. */
export async function runCommand(targets: string[], flags: RunFlags): Promise<number> {
  // Asked while the workflow loads: git takes about as long to start as reading the workflow does.
  const probe = probeRepo(process.cwd());
  const loaded = await loadOrExit(flags);
  const options = {
    probe,
    targets,
    ...(flags.concurrency ? { concurrency: flags.concurrency } : {}),
    failureMode: flags.failFast ? 'kill' : (flags.failureMode ?? 'continue'),
    ...(flags.keep ? { keep: flags.keep } : {}),
    reuse: flags.reuse === true,
    push: flags.push === true,
  } as const;
  if (flags.dryRun) return dryRun(loaded, options, flags.json === true);
  return withReporter(
    flags.json === true,
    (onEvent, signal) => runWorkflow(loaded, { ...options, onEvent, signal }),
    {
      notify: loaded.workflow.raw.notify,
      topLevel: probe.head.then((head) => head?.topLevel),
      sources: new Map([[loaded.workflow.file, loaded.source]]),
    },
  );
}

const CANCEL_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/**
 * Runs an engine call with the reporter the output calls for, and Ctrl-C handling: the first
 * SIGINT/SIGTERM/SIGHUP cancels (agents get SIGTERM then SIGKILL, state is saved), a second exits at once.
 */
export async function withReporter(
  json: boolean,
  start: (onEvent: EventSink, signal: AbortSignal) => Promise<Result<RunResult, Diagnostic[]>>,
  {
    notify,
    topLevel = Git.topLevel(process.cwd()),
    sources = new Map(),
  }: {
    notify?: Notify | undefined;
    topLevel?: Promise<string | undefined>;
    /** The workflow's text, for the code frame of a diagnostic. */
    sources?: ReadonlyMap<string, string>;
  } = {},
): Promise<number> {
  const stream = json ? process.stdout : process.stderr;
  const repoRoot = (await topLevel) ?? process.cwd();
  const reporter = createReporter(pickReporterKind({ json, stream, env: process.env }), stream, {
    color: useColor(stream),
    cwd: process.cwd(),
    repoRoot,
  });
  const abort = new AbortController();
  const onSignal = () => {
    if (abort.signal.aborted) process.exit(ExitCode.cancelled);
    abort.abort();
  };
  // SIGHUP (the terminal was closed) cancels too: nobody is left to see the run, and it must not go
  // on with nobody able to stop it.
  for (const signal of CANCEL_SIGNALS) process.on(signal, onSignal);
  // In a terminal orchestra asks about approvals itself; elsewhere `orchestra approve` decides (and
  // readline, which the prompt loads, is not needed).
  const prompt =
    !json && process.stdin.isTTY
      ? new (await import('../approval-prompt.js')).ApprovalPrompt(
          process.stdin,
          stream,
          () => reporter.hold?.() ?? (() => undefined),
        )
      : undefined;
  if (prompt) prompt.repoRoot = repoRoot;
  try {
    const journal = eventJournal();
    const result = await start((e) => {
      journal.onEvent(e);
      reporter.onEvent(e);
      prompt?.onEvent(e);
    }, abort.signal);
    await journal.close();
    await reporter.close();
    if (!result.ok) {
      printDiagnostics(result.error, sources, json);
      throw new Exit(ExitCode.usage);
    }
    const { outcome } = result.value;
    // After the summary, while a second Ctrl-C can still cut it short.
    const warning = notify === undefined ? undefined : await runNotify(notify, result.value);
    if (warning !== undefined) process.stderr.write(`warning: ${warning}\n`);
    return outcome === 'succeeded'
      ? ExitCode.ok
      : outcome === 'cancelled'
        ? ExitCode.cancelled
        : ExitCode.failed;
  } finally {
    for (const signal of CANCEL_SIGNALS) process.off(signal, onSignal);
  }
}

async function dryRun(
  loaded: LoadedWorkflow,
  options: { targets: string[]; concurrency?: number; reuse: boolean; probe: StartProbe },
  json: boolean,
): Promise<number> {
  const prepared = await prepareRun(loaded, options);
  if (!prepared.ok) {
    printDiagnostics(prepared.error, new Map([[loaded.workflow.file, loaded.source]]), json);
    throw new Exit(ExitCode.usage);
  }
  const { workflow } = loaded;
  const { repoRoot, baseCommit, selected, repos } = prepared.value;
  // What `run --reuse` would take from earlier runs instead of running it.
  const reusable = options.reuse
    ? await findReusable(
        workflow,
        loaded.graph,
        { repoRoot, baseCommit, selected, repos: repoRecords(repos) },
        new Git(repoRoot),
      )
    : new Map<string, Reusable>();
  const toRun = selected.filter((id) => !reusable.has(id));
  for (const line of missingAgentWarnings(agentPrograms(workflow, repoRoot, toRun)))
    process.stderr.write(`${line}\n`);
  const plan = selected.map((id) => {
    const t = workflow.tasks.get(id)!;
    const pool = t.agent ? workflow.agents.get(t.agent)?.concurrency : undefined;
    return {
      task: id,
      ...(t.repo ? { repo: t.repo } : {}),
      reusedFrom: reusable.get(id)?.fromRun ?? null,
      needs: [...t.needs],
      does:
        t.kind === 'command'
          ? `run: ${t.run!.source}`
          : t.kind === 'approval'
            ? `approval: ${t.approval!.source}`
            : `agent ${t.agent}${t.role ? ` as ${t.role}` : ''}${t.model ? ` (${t.model})` : ''}`,
      pool: t.agent && pool ? `${t.agent} ≤ ${pool}` : null,
      sandbox: t.sandbox.type,
      gates: [...t.verify],
      retries: t.retries,
    };
  });
  const concurrency = options.concurrency ?? workflow.concurrency;
  const warnings = await checkoutWarnings(
    new Git(repoRoot),
    { ref: workflow.sandbox.base, commit: baseCommit },
    false,
    options.probe.uncommitted,
  );
  if (json) {
    process.stdout.write(
      `${JSON.stringify({ baseCommit, ...(repos.length ? { repos } : {}), concurrency, tasks: plan, integrate: { strategy: workflow.integrate.strategy, verify: workflow.integrate.verify }, warnings })}\n`,
    );
    return ExitCode.ok;
  }
  for (const warning of warnings) process.stderr.write(`warning: ${warning}\n`);
  const reused = reusable.size ? ` (${reusable.size} reused)` : '';
  const lines = [
    `plan: ${plan.length} task(s)${reused} from ${workflow.sandbox.base} (${baseCommit.slice(0, 10)}), at most ${concurrency} at once; nothing is run`,
    // Each other repository's base, as a run would start from it now.
    ...repos.map(
      (r) => `repo ${r.name}: from ${r.baseRef} (${r.baseCommit.slice(0, 10)}) in ${r.url ?? r.root}`,
    ),
  ];
  plan.forEach((p, i) => {
    const does = p.reusedFrom ? `reused from run ${p.reusedFrom} (${p.does})` : p.does;
    lines.push(`${String(i + 1).padStart(3)}. ${p.task}: ${does}`);
    lines.push(
      `       ${p.repo ? `repo: ${p.repo}; ` : ''}needs: ${p.needs.join(', ') || '-'}; sandbox: ${p.sandbox}; gates: ${p.gates.join(', ') || '-'}; retries: ${p.retries}${p.pool ? `; pool: ${p.pool}` : ''}`,
    );
  });
  lines.push(
    `then: integrate (${workflow.integrate.strategy}) and verify: ${workflow.integrate.verify.join(', ') || '-'}`,
  );
  process.stdout.write(`${lines.join('\n')}\n`);
  return ExitCode.ok;
}
