import path from 'node:path';
import type { AgentUsage } from '../events/engine-event.js';
import type { Failure } from '../events/task-status.js';

/** `850ms`, `3.4s`, `1m 02s`, `1h 05m`: short enough for a table column, exact enough to compare runs. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.max(0, Math.round(ms))}ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)}s`;
  const totalSeconds = Math.round(ms / 1000);
  const hours = Math.floor(totalSeconds / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = totalSeconds % 60;
  return hours > 0 ? `${hours}h ${pad2(minutes)}m` : `${minutes}m ${pad2(seconds)}s`;
}

/** A countdown in whole seconds (`30s`, `2m 05s`), rounded up so it reaches 0s only at the end. */
export function formatSeconds(ms: number): string {
  return wholeSeconds(Math.ceil(ms / 1000));
}

/** Elapsed time in whole seconds (`12s`, `2m 05s`, `1h 05m`), for a display that ticks once a second. */
export function formatElapsed(ms: number): string {
  return wholeSeconds(Math.floor(ms / 1000));
}

function wholeSeconds(total: number): string {
  const seconds = Math.max(0, total);
  if (seconds < 60) return `${seconds}s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)}m ${pad2(seconds % 60)}s`;
  return `${Math.floor(seconds / 3600)}h ${pad2(Math.floor((seconds % 3600) / 60))}m`;
}

/** Local wall-clock time `HH:MM:SS`, the prefix of plain log lines. */
export function formatClock(time: number): string {
  const d = new Date(time);
  return `${pad2(d.getHours())}:${pad2(d.getMinutes())}:${pad2(d.getSeconds())}`;
}

/** The abbreviated commit id git itself shows by default. */
export function shortSha(sha: string): string {
  return sha.slice(0, 7);
}

/** `gate-failed: gate "test" failed (exit 1)`: the reason first, so logs can be grepped by it. */
export function formatFailure(failure: Failure): string {
  const files =
    failure.files !== undefined && failure.files.length > 0 ? ` (${failure.files.join(', ')})` : '';
  return `${failure.reason}: ${failure.message}${files}`;
}

/** `12.3k/4.1k`: input/output tokens, or undefined when the agent reported neither. */
export function formatTokens(usage: AgentUsage | undefined): string | undefined {
  if (usage?.inputTokens === undefined && usage?.outputTokens === undefined) return undefined;
  return `${formatCount(usage.inputTokens)}/${formatCount(usage.outputTokens)}`;
}

/** `$0.12`, or undefined when no cost was reported. */
export function formatCost(costUsd: number | undefined): string | undefined {
  return costUsd === undefined ? undefined : `$${costUsd.toFixed(2)}`;
}

function formatCount(n: number | undefined): string {
  if (n === undefined) return '?';
  if (n < 1000) return String(n);
  if (n < 1_000_000) return `${(n / 1000).toFixed(1)}k`;
  return `${(n / 1_000_000).toFixed(1)}M`;
}

/**
 * A path as the user should type it: relative to their cwd when it is below it, absolute otherwise
 * (sandboxes live outside the working tree, and `../../../tmp/x` helps nobody).
 */
export function displayPath(target: string, cwd: string): string {
  const rel = path.relative(cwd, target);
  if (rel === '') return '.';
  return rel.startsWith('..') || path.isAbsolute(rel) ? target : rel;
}

// Escape sequences (CSI, OSC) and control characters other than tab: agent output is full of colours,
// cursor moves and progress bars, any of which would corrupt a row of the task tree or a log line.
// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)|\u001b[@-_]/g;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f]/g;

/** Removes ANSI escape sequences. */
export function stripAnsi(text: string): string {
  return text.replace(ANSI, '');
}

/**
 * One line of agent output made safe to show in a single row: what a terminal would finally show
 * after carriage returns, without escapes or control characters, shortened to `max` characters.
 */
export function cleanLine(line: string, max = 200): string {
  const afterCr = line.split('\r').filter((part) => part.trim() !== '');
  const visible = stripAnsi(afterCr[afterCr.length - 1] ?? '')
    .replace(/\t/g, '  ')
    .replace(CONTROL, '')
    .trimEnd();
  return visible.length > max ? `${visible.slice(0, max - 1)}…` : visible;
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}
