import type { EngineEvent } from '../events/engine-event.js';
import { JsonReporter } from './json-reporter.js';
import { PlainReporter } from './plain-reporter.js';
import { TtyReporter } from './tty-reporter.js';

/** A consumer of engine events that shows them to someone. Reporters only listen: they never decide. */
export interface Reporter {
  onEvent(event: EngineEvent): void;
  /** Flush and stop rendering (called once after run-finished or on abort). */
  close(): Promise<void>;
  /** Stops redrawing while someone else uses the terminal (a question); call the result to go on. */
  hold?(): () => void;
}

/** The three ways `orchestra run` can show a run. */
export type ReporterKind = 'tty' | 'plain' | 'json';

/** What the human-readable reporters need to know about the user's terminal and repository. */
export interface ReporterOptions {
  /** Whether to emit ANSI colours (decided by the CLI from NO_COLOR / FORCE_COLOR / TTY). */
  color: boolean;
  /** The user's working directory: paths are shown relative to it. */
  cwd: string;
  /** The repository the run belongs to: git commands in the summary are pointed at it. */
  repoRoot: string;
}

/** Makes the reporter of the given kind, writing to `out` only. */
export function createReporter(
  kind: ReporterKind,
  out: NodeJS.WritableStream,
  opts: ReporterOptions,
): Reporter {
  switch (kind) {
    case 'json':
      return new JsonReporter(out);
    case 'plain':
      return new PlainReporter(out, opts);
    case 'tty':
      return new TtyReporter(out, opts);
  }
}

/**
 * `json` when --json; `tty` when the stream is a terminal that can be redrawn (a TTY, not CI, not
 * TERM=dumb); `plain` otherwise, so CI logs and pipes get lines rather than cursor movements.
 */
export function pickReporterKind(opts: {
  json: boolean;
  stream: NodeJS.WriteStream;
  env: NodeJS.ProcessEnv;
}): ReporterKind {
  if (opts.json) return 'json';
  if (opts.stream.isTTY !== true) return 'plain';
  if (isSet(opts.env.CI) || opts.env.TERM === 'dumb') return 'plain';
  return 'tty';
}

/** CI=false and CI=0 are how people turn a CI variable off; anything else non-empty means CI. */
function isSet(value: string | undefined): boolean {
  return value !== undefined && value !== '' && value !== '0' && value.toLowerCase() !== 'false';
}
