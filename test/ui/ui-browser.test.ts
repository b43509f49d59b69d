import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RunStore } from '../../src/state/run-store.js';
import type { RunRecord } from '../../src/state/run-state.js';
import { CLI, LiveCli } from '../support/cli.js';
import { HEADER, RunFixture } from '../support/run-fixture.js';

/** The system's Chromium (Debian's `chromium` package, installed by .ci/run): none can be downloaded here. */
const CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));
/** Screenshots of the pages, kept as test artifacts. */
const SHOTS = fileURLToPath(new URL('../../test-results/ui/', import.meta.url));

const WORKFLOW = `${HEADER}gates:
  check: sleep 0.3 && test -f build.txt
tasks:
  plan:
    agent: bot
    prompt: plan the change
  build:
    agent: bot
    prompt: build it
    needs: [plan]
    verify: [check]
  docs:
    agent: bot
    prompt: document it
    needs: [plan]
`;

// build → ship (an approval) → deploy: the run waits for a decision given in the page.
const APPROVAL = `${HEADER}tasks:
  build: { run: "echo built > built.txt" }
  ship:
    approval: "Ship it?"
    needs: [build]
  deploy: { run: "echo deployed > deployed.txt", needs: [ship] }
`;

// Skipped, saying so, where no Chromium is installed (.ci/run installs it).
describe.skipIf(!CHROMIUM)(
  `orchestra ui in Chromium (${CHROMIUM ?? 'skipped: no chromium installed'})`,
  () => {
    let f: RunFixture;
    let ui: ChildProcess;
    let url: string;
    let browser: Browser;
    let page: Page;
    const release = () => join(f.root, 'release-build');

    beforeAll(async () => {
      mkdirSync(SHOTS, { recursive: true });
      f = new RunFixture();
      // Who approves, for the record. Set before any run: a run puts back the repository's config as
      // it found it (RepoGuard), so a change made while one is going would not last.
      f.git('config', 'user.name', 'test');
      ui = spawn(process.execPath, [CLI, 'ui', '--no-open'], {
        cwd: f.repo,
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      url = await new Promise<string>((resolve, reject) => {
        let out = '';
        ui.stdout!.setEncoding('utf8').on('data', (c: string) => {
          out += c;
          if (out.includes('\n')) resolve(out.trim());
        });
        ui.on('exit', (code) => reject(new Error(`orchestra ui exited with ${code}`)));
      });
      browser = await chromium.launch({
        executablePath: CHROMIUM!,
        // As root (a container) Chromium refuses to start with its sandbox.
        args: process.getuid?.() === 0 ? ['--no-sandbox'] : [],
      });
      page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    });

    afterAll(async () => {
      await browser?.close();
      if (ui && ui.exitCode === null) {
        const exited = new Promise((r) => ui.once('exit', r));
        ui.kill('SIGINT');
        await exited;
      }
      f?.cleanup();
    });

    it('shows a run started after it, its DAG, a log, live statuses, and reruns a task on a click', async () => {
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(url);
      // The token was traded for the cookie and left the address bar.
      expect(new URL(page.url()).search).toBe('');
      await page.getByText('No runs recorded yet').waitFor();

      // A run started by another orchestra process shows up without a reload.
      const file = f.setup(WORKFLOW, {
        plan: [{ write: { 'plan.md': 'plan\n' } }],
        build: [{ waitFor: release(), write: { 'build.txt': 'built\n' } }],
        docs: [{ write: { 'docs.md': 'docs\n' } }],
      });
      const run = new LiveCli(['run', '-f', file], f.repo);
      const started = await run.waitFor((e) => e.type === 'run-started');
      const runId = started.type === 'run-started' ? started.runId : '';
      const row = page.locator(`tr[data-run="${runId}"]`);
      await row.waitFor();
      await page.screenshot({ path: join(SHOTS, 'runs.png') });

      // The run: its DAG with each task's status.
      await row.getByRole('link', { name: runId }).click();
      const node = (task: string) => page.locator(`svg.dag .node[data-task="${task}"]`);
      await expect
        .poll(() => node('plan').getAttribute('class'), { timeout: 30_000 })
        .toContain('status-succeeded');
      await expect
        .poll(() => node('build').getAttribute('class'), { timeout: 30_000 })
        .toContain('status-running');
      expect(await page.locator('svg.dag .node').count()).toBe(3);
      // The critical path is marked.
      expect(await page.locator('svg.dag .node.critical').count()).toBeGreaterThanOrEqual(2);

      // The running task's log, streaming, opened with the keyboard.
      await node('build').focus();
      await page.keyboard.press('Enter');
      await page.locator('pre.log').getByText(`build waiting for ${release()}`).waitFor();

      // While another process has the run, what the CLI would refuse (resume, rerun) is disabled.
      const button = (name: string) => page.getByRole('button', { name });
      for (const name of ['Resume', 'Rerun failed', 'Rerun this task'])
        expect(await button(name).isDisabled()).toBe(true);
      expect(await button('Cancel run').isEnabled()).toBe(true);

      // A status change without a reload.
      writeFileSync(release(), '');
      await expect
        .poll(() => node('build').getAttribute('class'), { timeout: 30_000 })
        .toContain('status-succeeded');
      expect(await run.exited).toBe(0);
      await page.locator('.summary .badge[data-state="succeeded"]').waitFor({ timeout: 30_000 });
      await page.locator('pre.log').getByText('build done (attempt 1)').waitFor();
      // The gate the journal recorded is on the timeline.
      await page.locator('svg.gantt rect.gate').first().waitFor();
      await page.screenshot({ path: join(SHOTS, 'run.png'), fullPage: true });
      for (const name of ['Resume', 'Rerun failed', 'Rerun this task'])
        await expect.poll(() => button(name).isEnabled()).toBe(true);

      // Rerun clicked in the page: recorded on disk, run by the library as `orchestra rerun build` would.
      await page.getByRole('button', { name: 'Rerun this task' }).click();
      await page.getByText(`rerun of run ${runId}`).waitFor();
      const record = () =>
        JSON.parse(readFileSync(new RunStore(f.repo, runId).paths.state, 'utf8')) as RunRecord;
      await expect.poll(() => record().history.at(-1)?.command, { timeout: 30_000 }).toBe('rerun build');
      // The rerun's attempt comes after the run's (it was 1 until the rerun's started: 1 passed too soon).
      await expect.poll(() => record().tasks.build!.attempts.length, { timeout: 30_000 }).toBe(2);
      await expect
        .poll(() => f.invocations().filter((i) => i.task === 'build').length, { timeout: 30_000 })
        .toBe(2);
      await expect
        .poll(() => node('build').getAttribute('class'), { timeout: 30_000 })
        .toContain('status-succeeded');
      expect(f.invocations().filter((i) => i.task === 'plan')).toHaveLength(1);
      expect(errors).toEqual([]);
    }, 180_000);

    it('wakes a waiting run with an approval given in the page', async () => {
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      const run = new LiveCli(['run', '-f', f.setup(APPROVAL)], f.repo);
      const waiting = await run.waitFor((e) => e.type === 'approval-waiting');
      const runId = waiting.type === 'approval-waiting' ? waiting.runId : '';

      // The run's page with the waiting task open (the token traded for the cookie first).
      await page.goto(url);
      await page.goto(`${new URL(url).origin}/#/run/${runId}/ship`);
      const node = (task: string) => page.locator(`svg.dag .node[data-task="${task}"]`);
      await page.getByRole('heading', { name: 'ship — waiting' }).waitFor({ timeout: 30_000 });
      await expect.poll(() => node('ship').getAttribute('class')).toContain('status-waiting');
      // What is asked shows next to the buttons.
      const asked = page.locator('.task-panel dd').filter({ hasText: 'Ship it?' });
      expect(await asked.textContent()).toBe('Ship it?');
      // The timeline shows the wait for a person, from the run's event journal.
      await page.locator('svg.gantt rect.approval').first().waitFor();
      await page.screenshot({ path: join(SHOTS, 'approval.png'), fullPage: true });

      // Approved in the page: the waiting run goes on, seen without a reload.
      await page.getByRole('button', { name: 'Approve' }).click();
      await page.getByText('ship approved by test').waitFor();
      await page.getByRole('heading', { name: 'ship — succeeded' }).waitFor({ timeout: 30_000 });
      expect(await run.exited).toBe(0);
      await page.locator('.summary .badge[data-state="succeeded"]').waitFor({ timeout: 30_000 });
      await expect
        .poll(() => node('deploy').getAttribute('class'), { timeout: 30_000 })
        .toContain('status-succeeded');
      await asked.getByText('Ship it? — approved by test').waitFor();
      // Decided once: the buttons are gone.
      expect(await page.getByRole('button', { name: 'Approve' }).count()).toBe(0);

      const record = JSON.parse(readFileSync(new RunStore(f.repo, runId).paths.state, 'utf8')) as RunRecord;
      expect(record.outcome).toBe('succeeded');
      expect(record.tasks.ship).toMatchObject({
        status: 'succeeded',
        approval: { text: 'Ship it?', decision: 'approved', by: 'test' },
      });
      expect(f.show(`orchestra/${runId}`, 'deployed.txt')).toBe('deployed');
      expect(errors).toEqual([]);
    }, 120_000);
  },
);
