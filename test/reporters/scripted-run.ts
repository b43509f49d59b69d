import type { EngineEvent } from '../../src/events/engine-event.js';

/** Paths the scripted run uses, so tests can assert how they are displayed. */
export interface ScriptPaths {
  repoRoot: string;
  sandboxRoot: string;
}

export const RUN_ID = 'r-20250115-1201';
export const BASE = 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678';
export const RESULT = 'f00dfeed00112233445566778899aabbccddeeff';
export const BRANCH = `orchestra/${RUN_ID}`;

/**
 * A realistic run: a reused task, a success that waited on a rate limit, a success after a retry,
 * a failure after a retry (its dependent blocked), and an integration of what succeeded.
 * `t0` is the start time; events are 100ms…minutes apart as a real run would be.
 */
export function scriptedRun(paths: ScriptPaths, t0: number): EngineEvent[] {
  let t = t0;
  const at = (ms: number): number => (t += ms);
  const sandbox = (task: string): string => `${paths.sandboxRoot}/${RUN_ID}/${task}`;
  const branch = (task: string): string => `orchestra/tasks/${RUN_ID}/${task}`;
  const log = (task: string, attempt: number): string =>
    `${paths.repoRoot}/.orchestra/runs/${RUN_ID}/logs/${task}.${attempt}.log`;
  const testFailure = { reason: 'gate-failed', message: 'gate "test" failed (exit 1)' } as const;
  return [
    {
      type: 'run-started',
      time: at(0),
      runId: RUN_ID,
      workflow: 'auth-feature',
      runDir: `${paths.repoRoot}/.orchestra/runs/${RUN_ID}`,
      baseCommit: BASE,
      tasks: ['schema', 'auth-tests', 'api-client', 'e2e', 'auth-impl'],
      reused: [{ task: 'schema', fromRun: 'r-20250114-0900' }],
      concurrency: 3,
    },
    { type: 'task-finished', time: at(5), task: 'schema', status: 'skipped', attempts: 0, durationMs: 0 },
    {
      type: 'task-started',
      time: at(10),
      task: 'auth-tests',
      attempt: 1,
      sandbox: sandbox('auth-tests'),
      branch: branch('auth-tests'),
    },
    {
      type: 'task-started',
      time: at(10),
      task: 'api-client',
      attempt: 1,
      sandbox: sandbox('api-client'),
      branch: branch('api-client'),
    },
    { type: 'task-phase', time: at(100), task: 'auth-tests', phase: 'setup', detail: 'npm ci' },
    { type: 'task-phase', time: at(900), task: 'auth-tests', phase: 'agent' },
    { type: 'task-phase', time: at(10), task: 'api-client', phase: 'agent' },
    { type: 'task-waiting', time: at(200), task: 'auth-tests', reason: 'rate-limited', retryInMs: 30_000 },
    { type: 'task-output', time: at(300), task: 'api-client', line: 'Reading src/api/client.ts' },
    { type: 'task-phase', time: at(30_000), task: 'auth-tests', phase: 'agent' },
    { type: 'task-output', time: at(200), task: 'auth-tests', line: 'Writing test/auth.test.ts' },
    { type: 'task-output', time: at(200), task: 'auth-tests', line: '\u001b[32mCreated\u001b[39m 4 tests' },
    { type: 'task-phase', time: at(100), task: 'auth-tests', phase: 'commit' },
    { type: 'task-phase', time: at(100), task: 'auth-tests', phase: 'verify' },
    {
      type: 'gate-finished',
      time: at(1200),
      task: 'auth-tests',
      gate: 'lint',
      ok: true,
      durationMs: 1200,
      log: log('auth-tests', 1),
    },
    {
      type: 'task-finished',
      time: at(50),
      task: 'auth-tests',
      status: 'succeeded',
      attempts: 1,
      durationMs: 34_100,
      branch: branch('auth-tests'),
      commit: '1111111111111111111111111111111111111111',
      usage: { summary: 'Wrote 4 tests', inputTokens: 12_345, outputTokens: 4_100, costUsd: 0.12 },
      log: log('auth-tests', 1),
    },
    {
      type: 'task-started',
      time: at(10),
      task: 'auth-impl',
      attempt: 1,
      sandbox: sandbox('auth-impl'),
      branch: branch('auth-impl'),
    },
    { type: 'task-phase', time: at(10), task: 'auth-impl', phase: 'agent' },
    {
      type: 'task-output',
      time: at(400),
      task: 'api-client',
      line: 'error TS2345: Argument of type string is not assignable',
    },
    { type: 'task-phase', time: at(100), task: 'api-client', phase: 'verify' },
    {
      type: 'gate-finished',
      time: at(2000),
      task: 'api-client',
      gate: 'test',
      ok: false,
      durationMs: 2000,
      log: log('api-client', 1),
    },
    {
      type: 'task-retry',
      time: at(10),
      task: 'api-client',
      attempt: 2,
      reason: 'gate "test" failed (exit 1)',
    },
    {
      type: 'task-started',
      time: at(10),
      task: 'api-client',
      attempt: 2,
      sandbox: sandbox('api-client'),
      branch: branch('api-client'),
    },
    {
      type: 'task-output',
      time: at(500),
      task: 'api-client',
      line: 'FAIL test/client.test.ts > retries on 503',
    },
    {
      type: 'gate-finished',
      time: at(2000),
      task: 'api-client',
      gate: 'test',
      ok: false,
      durationMs: 2000,
      log: log('api-client', 2),
    },
    {
      type: 'task-finished',
      time: at(10),
      task: 'api-client',
      status: 'failed',
      attempts: 2,
      durationMs: 38_600,
      branch: branch('api-client'),
      failure: testFailure,
      keptSandbox: sandbox('api-client'),
      log: log('api-client', 2),
    },
    { type: 'task-finished', time: at(5), task: 'e2e', status: 'blocked', attempts: 0, durationMs: 0 },
    { type: 'task-output', time: at(800), task: 'auth-impl', line: 'Implementing login()' },
    {
      type: 'gate-finished',
      time: at(1000),
      task: 'auth-impl',
      gate: 'lint',
      ok: true,
      durationMs: 1000,
      log: log('auth-impl', 1),
    },
    {
      type: 'gate-finished',
      time: at(3000),
      task: 'auth-impl',
      gate: 'test',
      ok: false,
      durationMs: 3000,
      log: log('auth-impl', 1),
    },
    {
      type: 'task-retry',
      time: at(10),
      task: 'auth-impl',
      attempt: 2,
      reason: 'gate "test" failed (exit 1)',
    },
    {
      type: 'task-started',
      time: at(10),
      task: 'auth-impl',
      attempt: 2,
      sandbox: sandbox('auth-impl'),
      branch: branch('auth-impl'),
    },
    { type: 'task-phase', time: at(10), task: 'auth-impl', phase: 'agent' },
    { type: 'task-output', time: at(900), task: 'auth-impl', line: 'Fixed the token expiry check' },
    { type: 'task-phase', time: at(100), task: 'auth-impl', phase: 'verify' },
    {
      type: 'gate-finished',
      time: at(1000),
      task: 'auth-impl',
      gate: 'lint',
      ok: true,
      durationMs: 1000,
      log: log('auth-impl', 2),
    },
    {
      type: 'gate-finished',
      time: at(3000),
      task: 'auth-impl',
      gate: 'test',
      ok: true,
      durationMs: 3000,
      log: log('auth-impl', 2),
    },
    {
      type: 'task-finished',
      time: at(20),
      task: 'auth-impl',
      status: 'succeeded',
      attempts: 2,
      durationMs: 10_400,
      branch: branch('auth-impl'),
      commit: '2222222222222222222222222222222222222222',
      usage: { inputTokens: 40_000, outputTokens: 9_000, costUsd: 0.55 },
      log: log('auth-impl', 2),
    },
    { type: 'integration-started', time: at(10), branch: BRANCH, tasks: ['auth-impl'] },
    {
      type: 'gate-finished',
      time: at(4000),
      task: null,
      gate: 'test',
      ok: true,
      durationMs: 4000,
      log: `${paths.repoRoot}/.orchestra/runs/${RUN_ID}/logs/integration.log`,
    },
    { type: 'integration-finished', time: at(100), ok: true, branch: BRANCH, commit: RESULT },
    {
      type: 'run-finished',
      time: at(10),
      runId: RUN_ID,
      outcome: 'failed',
      durationMs: t - t0,
      baseCommit: BASE,
      resultBranch: BRANCH,
      resultCommit: RESULT,
      tasks: [
        { task: 'schema', status: 'skipped', attempts: 0, durationMs: 0 },
        {
          task: 'auth-tests',
          status: 'succeeded',
          attempts: 1,
          durationMs: 34_100,
          branch: branch('auth-tests'),
          usage: { inputTokens: 12_345, outputTokens: 4_100, costUsd: 0.12 },
        },
        {
          task: 'api-client',
          status: 'failed',
          attempts: 2,
          durationMs: 38_600,
          branch: branch('api-client'),
          failure: testFailure,
        },
        { task: 'e2e', status: 'blocked', attempts: 0, durationMs: 0 },
        {
          task: 'auth-impl',
          status: 'succeeded',
          attempts: 2,
          durationMs: 10_400,
          branch: branch('auth-impl'),
          usage: { inputTokens: 40_000, outputTokens: 9_000, costUsd: 0.55 },
        },
      ],
    },
  ];
}
