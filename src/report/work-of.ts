import type { CandidateReport, TaskReport } from './report-json.js';

/**
 * The reports whose attempts and usage are a task's work: a best_of task's candidates and judge (it
 * holds none of its own), any other task itself. Totals add these up so nothing counts twice.
 */
export function workOf(t: TaskReport): TaskReport[] {
  return t.bestOf === null ? [t] : helpersOf(t);
}

/** A best_of task's candidates, then its judge; none for any other task. */
export function helpersOf(t: TaskReport): (TaskReport | CandidateReport)[] {
  if (t.bestOf === null) return [];
  return [...t.bestOf.candidates, ...(t.bestOf.judge ? [t.bestOf.judge] : [])];
}
