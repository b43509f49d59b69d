import { relative } from 'node:path';
import type { EngineEvent } from '../events/engine-event.js';
import type { GateRecord, RunRecord } from '../state/run-state.js';
import type { GateResult } from './run-gates.js';

/** What the run record keeps of a gate's runs; log paths relative to the run folder `runDir`. */
export function gateRecord(result: GateResult, runDir: string): GateRecord {
  const rel = (file: string) => relative(runDir, file);
  return {
    name: result.gate,
    ok: result.ok,
    ...(result.flaky ? { flaky: true as const } : {}),
    durationMs: result.durationMs,
    log: rel(result.runs.at(-1)!.logFile),
    ...(result.runs.length > 1
      ? { runs: result.runs.map((r) => ({ ok: r.ok, durationMs: r.durationMs, log: rel(r.logFile) })) }
      : {}),
  };
}

/** The `gate-finished` event of a task's gate (`task` null: an integration gate). */
export function gateFinished(task: string | null, result: GateResult): EngineEvent {
  return {
    type: 'gate-finished',
    time: Date.now(),
    task,
    gate: result.gate,
    ok: result.ok,
    ...(result.flaky ? { flaky: true as const } : {}),
    ...(result.runs.length > 1 ? { runs: result.runs.length } : {}),
    durationMs: result.durationMs,
    log: result.runs.at(-1)!.logFile,
  };
}

/** A gate that failed, then passed on a rerun, in a task's attempt or the integration (`task` null). */
export interface FlakyGate {
  task: string | null;
  attempt: number;
  gate: string;
  runs: number;
}

/** Every flaky gate run in the record: the selected tasks' attempts in order, then the integration's. */
export function flakyGates(record: Pick<RunRecord, 'selected' | 'tasks' | 'integration'>): FlakyGate[] {
  const flaky = (task: string | null, attempt: number, gates: GateRecord[]): FlakyGate[] =>
    gates.filter((g) => g.flaky).map((g) => ({ task, attempt, gate: g.name, runs: g.runs?.length ?? 1 }));
  return [
    ...record.selected.flatMap((id) =>
      (record.tasks[id]?.attempts ?? []).flatMap((a) => flaky(id, a.n, a.gates)),
    ),
    ...flaky(null, 0, record.integration.gates),
  ];
}
