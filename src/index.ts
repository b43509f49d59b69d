/**
 * orchestra as a library: load a workflow, run it, and consume the typed events it emits.
 *
 * ```ts
 * import { loadWorkflow, run } from 'orchestra';
 * const loaded = await loadWorkflow('orchestra.yaml');
 * if (loaded.ok) await run(loaded.value, { onEvent: (e) => console.log(e.type) });
 * ```
 */
export { loadWorkflow } from './config/load-workflow.js';
export type { LoadedWorkflow, LoadFailure, LoadOptions } from './config/load-workflow.js';
export type {
  Workflow,
  TaskDef,
  RoleDef,
  AgentDef,
  GateDef,
  IntegrateDef,
  SandboxSettings,
} from './config/workflow.js';
export type { RawWorkflow } from './config/workflow-types.js';
export { formatDiagnostics } from './diagnostics/format-diagnostics.js';
export type { Diagnostic, SourceLocation, DiagnosticCode } from './diagnostics/diagnostic.js';
export { TaskGraph } from './graph/task-graph.js';
export { renderGraph, graphJson } from './graph/render-graph.js';
export type { GraphJson, GraphFormat } from './graph/render-graph.js';
export { collectReport } from './report/collect-report.js';
export type { ReportInput } from './report/collect-report.js';
export { renderMarkdown as renderReport } from './report/render-markdown.js';
export type { ReportJson, TaskReport, GateReport } from './report/report-json.js';
export { runWorkflow as run, runWorkflow } from './engine/run-workflow.js';
export type { RunOptions, RunResult } from './engine/run-workflow.js';
export { rerunWorkflow } from './engine/continue-run.js';
export type { RerunOptions } from './engine/continue-run.js';
export type { FailureMode } from './engine/scheduler.js';
export type { EngineEvent, EventSink, AgentUsage, TaskPhase } from './events/engine-event.js';
export type { TaskStatus, Failure, FailureReason, RunOutcome } from './events/task-status.js';
export type { RunRecord, TaskRecord, AttemptRecord } from './state/run-state.js';
export type { Result } from './util/result.js';
