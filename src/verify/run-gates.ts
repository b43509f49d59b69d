import type { GateDef } from '../config/workflow.js';
import { renderTemplate } from '../config/template.js';
import type { TemplateValues } from '../config/template.js';
import type { LogError } from '../process/output-sink.js';
import { runProcess } from '../process/run-process.js';
import type { ProcessOutcome, ProcessResult, RunProcessOptions } from '../process/run-process.js';

/** One gate's result; `tail` is what a retry feeds back to the agent. */
export interface GateResult {
  gate: string;
  ok: boolean;
  outcome: ProcessOutcome;
  durationMs: number;
  tail: string;
  /** The gate's log could not be written (a full disk stops the gate: see `runProcess`). */
  logError?: LogError;
}

export interface GateRunOptions {
  cwd: string;
  env: Record<string, string>;
  values: TemplateValues;
  signal: AbortSignal;
  /** Absolute log path for a gate. */
  logFile: (gate: string) => string;
  /** Called after each gate, before the next starts (the caller persists it). */
  onResult: (result: GateResult, logFile: string) => Promise<void>;
  /** Called as each gate's process starts, with its process group id. */
  onStart?: (pgid: number) => void;
  /** Starts each gate's process (the task's jail); `runProcess` by default. */
  spawn?: (opts: RunProcessOptions) => Promise<ProcessResult>;
}

/** Runs gates in order and stops at the first that fails: later gates would only add noise. */
export async function runGates(
  gates: readonly GateDef[],
  opts: GateRunOptions,
): Promise<GateResult | undefined> {
  for (const gate of gates) {
    const logFile = opts.logFile(gate.name);
    const env = { ...opts.env };
    for (const [k, t] of Object.entries(gate.env)) env[k] = renderTemplate(t, opts.values);
    const result = await (opts.spawn ?? runProcess)({
      command: { shell: renderTemplate(gate.run, opts.values) },
      cwd: opts.cwd,
      env,
      logFile,
      signal: opts.signal,
      ...(gate.timeoutMs ? { timeoutMs: gate.timeoutMs } : {}),
      ...(opts.onStart ? { onStart: opts.onStart } : {}),
    });
    const gateResult: GateResult = {
      gate: gate.name,
      ok: result.outcome.kind === 'exited' && result.outcome.exitCode === 0,
      outcome: result.outcome,
      durationMs: result.durationMs,
      tail: result.tail,
      ...(result.logError ? { logError: result.logError } : {}),
    };
    await opts.onResult(gateResult, logFile);
    if (!gateResult.ok) return gateResult;
  }
  return undefined;
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
