/* global document */
// Benchmark: `orchestra ui`. (1) Time until the page of a 200-task run has drawn its DAG, in the
// system's Chromium, next to the page of a 2-task run; the browser's first contentful paint too.
// (2) The server's peak RSS while a client follows a log that grows to 1 GB (the page's way: a window
// of at most 1 MB a request from where it was), next to the server's RSS when idle; goal <= 100 MB,
// like `run`. Run standalone (`node bench/ui.mjs`) or through bench/run.mjs.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, openSync, readFileSync, writeFileSync, writeSync, closeSync } from 'node:fs';
import { join } from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';
import { median, ms, printRows, prng } from './lib.mjs';
import { CLI, GIT_ENV, makeRepo, removeDir, tempDir } from './repo.mjs';

const CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));

/** A finished run of `n` tasks, each needing up to two earlier ones, written as orchestra records it. */
function fakeRun(repo, baseCommit, id, n) {
  const random = prng(n);
  const dir = join(repo, '.orchestra', 'runs', id);
  mkdirSync(dir, { recursive: true });
  const ids = Array.from({ length: n }, (_, i) => `task-${String(i).padStart(3, '0')}`);
  const t0 = Date.now() - 3_600_000;
  const tasks = {};
  const raw = {};
  ids.forEach((task, i) => {
    const needs = i === 0 ? [] : [...new Set([ids[Math.floor(random() * i)], ids[Math.floor(random() * i)]])];
    raw[task] = { run: 'true', needs };
    const startedAt = t0 + i * 10_000;
    const finishedAt = startedAt + 5_000 + Math.floor(random() * 60_000);
    const log = `logs/${task}/attempt-1.log`;
    mkdirSync(join(dir, 'logs', task), { recursive: true });
    writeFileSync(join(dir, log), `${task} output\n`);
    tasks[task] = {
      status: 'succeeded',
      branch: `orchestra/tasks/${id}/${task}`,
      startedAt,
      finishedAt,
      attempts: [{ n: 1, startedAt, finishedAt, log, gates: [] }],
    };
  });
  const record = {
    version: 1,
    id,
    workflowFile: join(repo, 'orchestra.yaml'),
    workflowName: 'bench',
    repoRoot: repo,
    sandboxRoot: join(repo, '..', 'sandboxes'),
    baseRef: 'HEAD',
    baseCommit,
    startedAt: t0,
    finishedAt: t0 + n * 10_000 + 60_000,
    outcome: 'succeeded',
    selected: ids,
    vars: {},
    concurrency: 4,
    tasks,
    integration: { status: 'succeeded', branch: `orchestra/${id}`, tasks: ids, gates: [] },
    history: [{ at: t0, command: 'run' }],
  };
  writeFileSync(join(dir, 'run.json'), JSON.stringify(record));
  writeFileSync(join(dir, 'workflow.json'), JSON.stringify({ version: 1, tasks: raw }));
  return { id, log: join(dir, tasks[ids[0]].attempts[0].log), task: ids[0] };
}

/** `orchestra ui` in `repo`: its address, pid, and a stop function. */
async function startUi(repo) {
  // The node flags of the CLI's shebang: measured as the installed `orchestra` command runs.
  const flags = readFileSync(CLI, 'utf8')
    .split('\n')[0]
    .split(' ')
    .filter((a) => a.startsWith('--'));
  const child = spawn(process.execPath, [...flags, CLI, 'ui', '--no-open'], {
    cwd: repo,
    env: GIT_ENV,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise((resolve, reject) => {
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (c) => {
      out += c;
      if (out.includes('\n')) resolve(out.trim());
    });
    child.on('exit', (code) => reject(new Error(`orchestra ui exited ${code}`)));
  });
  const stop = () =>
    new Promise((resolve) => {
      child.once('exit', resolve);
      child.kill('SIGINT');
    });
  return {
    url,
    origin: new URL(url).origin,
    token: new URL(url).searchParams.get('token'),
    pid: child.pid,
    stop,
  };
}

const kib = (pid, field) =>
  Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1]);

/**
 * Milliseconds from navigation to the run shown (its summary and timeline painted), to the DAG's
 * last node drawn, and the browser's first contentful paint.
 */
async function pageTimes(browser, ui, id, n, runs) {
  const shown = [];
  const drawn = [];
  const paints = [];
  for (let i = 0; i < runs; i++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(ui.url); // trades the token for the cookie
    const start = Date.now();
    await page.goto(`${ui.origin}/#/run/${id}`);
    await page.waitForFunction((count) => document.querySelectorAll('svg.gantt .row').length === count, n, {
      polling: 'raf',
    });
    shown.push(Date.now() - start);
    await page.waitForFunction((count) => document.querySelectorAll('svg.dag .node').length === count, n, {
      polling: 'raf',
    });
    drawn.push(Date.now() - start);
    paints.push(
      await page.evaluate(() => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN),
    );
    await context.close();
  }
  return { shownMs: median(shown), drawnMs: median(drawn), paintMs: median(paints) };
}

/** Follows the log while it grows to `bytes`, as the page does; returns the server's peak RSS. */
async function followGrowingLog(ui, run, bytes) {
  const idleKib = kib(ui.pid, 'VmRSS');
  const fd = openSync(run.log, 'a');
  const chunk = Buffer.from(`${'x'.repeat(99)}\n`.repeat(10_000)); // 1 MB
  let written = 0;
  let end = 0;
  let peak = 0;
  const headers = { 'X-Orchestra-Token': ui.token };
  const base = `${ui.origin}/api/runs/${run.id}/log?task=${run.task}`;
  while (end < bytes) {
    // The agent writes a few MB between two reads (a page reads once a second; this reads at once).
    for (let i = 0; i < 4 && written < bytes; i++)
      written += writeSync(fd, chunk, 0, Math.min(chunk.length, bytes - written));
    const res = await fetch(`${base}&from=${end}`, { headers });
    await res.arrayBuffer();
    end = Number(res.headers.get('x-log-end'));
    peak = Math.max(peak, kib(ui.pid, 'VmHWM'));
  }
  closeSync(fd);
  return { idleKib, peakKib: Math.max(peak, kib(ui.pid, 'VmHWM')) };
}

export async function benchUi({ tasks = 200, runs = 3, logBytes = 1_000_000_000 } = {}) {
  if (!CHROMIUM) return { skipped: 'no chromium installed' };
  const { chromium } = await import('playwright-core');
  const dir = tempDir('ui');
  const repo = join(dir, 'repo');
  const base = makeRepo(repo, { 'README.md': '# bench\n' });
  const big = fakeRun(repo, base, '20260101-000000-0200', tasks);
  const small = fakeRun(repo, base, '20260101-000000-0002', 2);
  const ui = await startUi(repo);
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: process.getuid?.() === 0 ? ['--no-sandbox'] : [],
  });
  try {
    await pageTimes(browser, ui, small.id, 2, 1); // warm-up
    const large = await pageTimes(browser, ui, big.id, tasks, runs);
    const baseline = await pageTimes(browser, ui, small.id, 2, runs);
    const memory = await followGrowingLog(ui, big, logBytes);
    return { tasks, runs, large, baseline, logBytes, ...memory };
  } finally {
    await browser.close();
    await ui.stop();
    removeDir(dir);
  }
}

export function printUi(r) {
  if (r.skipped) return printRows('orchestra ui', [['skipped', r.skipped]]);
  printRows(`orchestra ui, medians of ${r.runs} page loads in Chromium`, [
    [`${r.tasks}-task run page, run and timeline painted`, ms(r.large.shownMs)],
    [`2-task run page, the same`, ms(r.baseline.shownMs)],
    ['ratio', `${(r.large.shownMs / r.baseline.shownMs).toFixed(2)}x`],
    [`${r.tasks}-task run page, DAG laid out and drawn`, ms(r.large.drawnMs)],
    [`2-task run page, the same`, ms(r.baseline.drawnMs)],
    [`first contentful paint (${r.tasks} / 2 tasks)`, `${ms(r.large.paintMs)} / ${ms(r.baseline.paintMs)}`],
    [`server RSS idle`, `${(r.idleKib / 1024).toFixed(1)} MB`],
    [
      `server peak RSS following a log to ${(r.logBytes / 1e9).toFixed(0)} GB (goal <= 100 MB)`,
      `${(r.peakKib / 1024).toFixed(1)} MB`,
    ],
  ]);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) printUi(await benchUi());
