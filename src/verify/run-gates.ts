import type { GateDef } from '../config/workflow.js';
import { renderTemplate } from '../config/template.js';
import type { TemplateValues } from '../config/template.js';
import type { LogError } from '../process/output-sink.js';
import { runProcess } from '../process/run-process.js';
import type { ProcessOutcome, ProcessResult, RunProcessOptions } from '../process/run-process.js';

/** One run of a gate. */
export interface GateRun {
  ok: boolean;
  durationMs: number;
  /** Absolute log path. */
  logFile: string;
}

/**
 * One gate's result after its runs (up to its `attempts`): `ok` if any run passed, `flaky` if a run
 * failed before one passed. `outcome` and `tail` are the last run's; `tail` is what a retry feeds
 * back to the agent.
 */
export interface GateResult {
  gate: string;
  ok: boolean;
  flaky: boolean;
  outcome: ProcessOutcome;
  /** All runs together. */
  durationMs: number;
  tail: string;
  runs: GateRun[];
  /** The gate's log could not be written (a full disk stops the gate: see `runProcess`). */
  logError?: LogError;
}

export interface GateRunOptions {
  cwd: string;
  env: Record<string, string>;
  values: TemplateValues;
  signal: AbortSignal;
  /** Absolute log path for a run of a gate (runs count from 1). */
  logFile: (gate: string, run: number) => string;
  /** Called after each gate's last run, before the next gate starts (the caller persists it). */
  onResult: (result: GateResult) => Promise<void>;
  /** Called as each gate's process starts, with its process group id. */
  onStart?: (pgid: number) => void;
  /** Starts each gate's process (the task's jail); `runProcess` by default. */
  spawn?: (opts: RunProcessOptions) => Promise<ProcessResult>;
}

/**
 * Runs gates in order and stops at the first that fails: later gates would only add noise. A failing
 * gate runs again, nothing else running in between, up to its `attempts` runs in all.
 */
export async function runGates(
  gates: readonly GateDef[],
  opts: GateRunOptions,
): Promise<GateResult | undefined> {
  for (const gate of gates) {
    const result = await runGate(gate, opts);
    await opts.onResult(result);
    if (!result.ok) return result;
  }
  return undefined;
}

async function runGate(gate: GateDef, opts: GateRunOptions): Promise<GateResult> {
  const env = { ...opts.env };
  for (const [k, t] of Object.entries(gate.env)) env[k] = renderTemplate(t, opts.values);
  const command = { shell: renderTemplate(gate.run, opts.values) };
  const runs: GateRun[] = [];
  for (;;) {
    const logFile = opts.logFile(gate.name, runs.length + 1);
    const result = await (opts.spawn ?? runProcess)({
      command,
      cwd: opts.cwd,
      env,
      logFile,
      signal: opts.signal,
      ...(gate.timeoutMs ? { timeoutMs: gate.timeoutMs } : {}),
      ...(opts.onStart ? { onStart: opts.onStart } : {}),
    });
    const ok = result.outcome.kind === 'exited' && result.outcome.exitCode === 0;
    runs.push({ ok, durationMs: result.durationMs, logFile });
    // A cancelled run, a full disk or one that could not start would only do the same again.
    const final =
      ok ||
      runs.length >= gate.attempts ||
      opts.signal.aborted ||
      result.logError !== undefined ||
      result.outcome.kind === 'cancelled' ||
      result.outcome.kind === 'spawn-failed';
    if (final)
      return {
        gate: gate.name,
        ok,
        flaky: ok && runs.length > 1,
        outcome: result.outcome,
        durationMs: runs.reduce((sum, r) => sum + r.durationMs, 0),
        tail: result.tail,
        runs,
        ...(result.logError ? { logError: result.logError } : {}),
      };
  }
}

/** `gate "test" failed (exit code 1)` and the like. */
export function describeOutcome(what: string, outcome: ProcessOutcome, timeoutMs?: number): string {
  switch (outcome.kind) {
    case 'exited':
      return `${what} failed (exit code ${outcome.exitCode})`;
    case 'signaled':
      return `${what} was killed by ${outcome.signal}`;
    case 'timed-out':
      return `${what} timed out${timeoutMs ? ` after ${Math.round(timeoutMs / 1000)}s` : ''}`;
    case 'cancelled':
      return `${what} was cancelled`;
    case 'spawn-failed':
      return `${what} could not start: ${outcome.message}`;
  }
}
