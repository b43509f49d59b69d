import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RunStore } from '../../src/state/run-store.js';
import type { RunRecord } from '../../src/state/run-state.js';
import { startUiServer } from '../../src/ui/server/ui-server.js';
import type { UiServer } from '../../src/ui/server/ui-server.js';
import { HEADER, RunFixture } from '../support/run-fixture.js';

const WORKFLOW = `${HEADER}tasks:
  a:
    agent: bot
    prompt: write a
  b:
    agent: bot
    prompt: write b
    needs: [a]
`;

describe('orchestra ui: the server', () => {
  let f: RunFixture;
  let ui: UiServer;
  let runId: string;
  const auth = () => ({ 'X-Orchestra-Token': ui.token });
  const get = (path: string, headers: Record<string, string> = auth()) =>
    fetch(`${ui.origin}${path}`, { headers, redirect: 'manual' });
  const post = (path: string, headers: Record<string, string>, body: unknown = {}) =>
    fetch(`${ui.origin}${path}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
  const record = () => JSON.parse(readFileSync(new RunStore(f.repo, runId).paths.state, 'utf8')) as RunRecord;

  beforeAll(async () => {
    f = new RunFixture();
    const { result } = await f.run(WORKFLOW, {
      a: [{ write: { 'a.txt': 'a\n' } }],
      b: [{ write: { 'b.txt': 'b\n' } }],
    });
    runId = result.runId;
    ui = await startUiServer({ repoRoot: f.repo });
  });
  afterAll(async () => {
    await ui.close();
    f.cleanup();
  });

  it('prints a loopback address with its token', () => {
    expect(ui.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{32}$/);
  });

  it('answers nothing without the token, and trades the token for an HttpOnly SameSite=Strict cookie', async () => {
    expect((await get('/api/runs', {})).status).toBe(401);
    expect((await get('/', {})).status).toBe(401);
    expect((await get('/?token=wrong', {})).status).toBe(401);
    expect((await get('/api/runs', { 'X-Orchestra-Token': `${ui.token}x` })).status).toBe(401);
    const first = await get(`/?token=${ui.token}`, {});
    expect(first.status).toBe(303);
    expect(first.headers.get('location')).toBe('/');
    const cookie = first.headers.get('set-cookie')!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    const page = await get('/', { Cookie: cookie.split(';')[0]! });
    expect(page.status).toBe(200);
    const csp = page.headers.get('content-security-policy')!;
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    const html = await page.text();
    // No inline script, nothing from another host.
    expect(html).not.toMatch(/<script(?![^>]*\ssrc=)[^>]*>/);
    expect(html).not.toMatch(/https?:\/\//);
    expect((await get('/api/runs', { Cookie: cookie.split(';')[0]! })).status).toBe(200);
  });

  it('lists the runs with status, duration and spend', async () => {
    const body = (await (await get('/api/runs')).json()) as {
      runs: { id: string; state: string; durationMs: number }[];
    };
    expect(body.runs).toEqual([
      expect.objectContaining({ id: runId, state: 'succeeded', tasks: { succeeded: 2 }, costUsd: 0 }),
    ]);
    expect(body.runs[0]!.durationMs).toBeGreaterThan(0);
  });

  it('shows a run: statuses, needs, the critical path', async () => {
    const view = (await (await get(`/api/runs/${runId}`)).json()) as {
      needs: Record<string, string[]>;
      critical: string[];
      run: RunRecord;
    };
    expect(view.needs).toEqual({ a: [], b: ['a'] });
    expect(view.critical).toEqual(['a', 'b']);
    expect(view.run.tasks.b!.status).toBe('succeeded');
  });

  it('refuses actions without the token or from another origin (CSRF)', async () => {
    const cookie = (await get(`/?token=${ui.token}`, {})).headers.get('set-cookie')!.split(';')[0]!;
    const path = `/api/runs/${runId}/resume`;
    // The cookie alone is what a forged cross-site form would carry.
    expect((await post(path, { Cookie: cookie, Origin: ui.origin })).status).toBe(403);
    expect((await post(path, { ...auth() })).status).toBe(403);
    expect((await post(path, { ...auth(), Origin: 'http://evil.example' })).status).toBe(403);
    // Accepted, and refused by the run's state with the CLI's own words.
    const refused = await post(path, { ...auth(), Origin: ui.origin });
    expect(refused.status).toBe(409);
    const body = (await refused.json()) as { error: { message: string; hint: string } };
    expect(body.error.message).toBe(
      `run ${runId} is not interrupted: it succeeded, so there is nothing to resume`,
    );
    expect(body.error.hint).toContain('orchestra rerun <task>');
    // Cancel and approve call the CLI's library functions, with their refusals.
    const cancel = await post(`/api/runs/${runId}/cancel`, { ...auth(), Origin: ui.origin });
    expect(cancel.status).toBe(409);
    expect(((await cancel.json()) as { error: { message: string } }).error.message).toBe(
      `run ${runId} has finished (succeeded): there is nothing to cancel`,
    );
    const approve = await post(
      `/api/runs/${runId}/approve`,
      { ...auth(), Origin: ui.origin },
      { tasks: ['a'] },
    );
    expect(approve.status).toBe(409);
    expect(((await approve.json()) as { error: { message: string } }).error.message).toContain(
      'is not an approval task',
    );
  });

  it('takes run and task ids as the CLI does: nothing outside the run folder is reachable', async () => {
    expect((await get('/api/runs/..%2F..%2F..%2Fetc')).status).toBe(404);
    expect((await get('/api/runs/%2Fetc%2Fpasswd')).status).toBe(404);
    expect((await get(`/api/runs/${runId}/log?task=../../../../etc/passwd`)).status).toBe(404);
    expect((await get(`/api/runs/${runId}/log?task=constructor`)).status).toBe(404);
    expect((await get(`/api/runs/${runId}/log?task=a&kind=gate&gate=../../x`)).status).toBe(404);
    // A hand-edited record naming a log elsewhere.
    const other = 'edited-run';
    const edited = { ...record(), id: other };
    edited.tasks.a!.attempts[0]!.log = '../../../../../../etc/hostname';
    mkdirSync(join(f.repo, '.orchestra/runs', other));
    writeFileSync(join(f.repo, '.orchestra/runs', other, 'run.json'), JSON.stringify(edited));
    const res = await get(`/api/runs/${other}/log?task=a`);
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: { message: string } }).error.message).toContain(
      'outside its folder',
    );
  });

  it('shows a damaged run.json as such, in the list and on its page', async () => {
    const id = '20200101-000000-dead';
    mkdirSync(join(f.repo, '.orchestra/runs', id));
    writeFileSync(join(f.repo, '.orchestra/runs', id, 'run.json'), '{"version": 1, "id":');
    const { runs } = (await (await get('/api/runs')).json()) as {
      runs: { id: string; state: string; problem?: string }[];
    };
    const row = runs.find((r) => r.id === id)!;
    expect(row.state).toBe('unreadable');
    expect(row.problem).toContain('run.json is damaged: it is not valid JSON');
    const page = await get(`/api/runs/${id}`);
    expect(page.status).toBe(422);
    const body = (await page.json()) as { error: { message: string; hint: string } };
    expect(body.error.message).toContain('is damaged');
    expect(body.error.hint).toContain(`orchestra clean --run ${id}`);
  });

  it('serves a large log a window at a time: its tail first, then earlier pages by byte range', async () => {
    const log = new RunStore(f.repo, runId).paths.abs(record().tasks.a!.attempts[0]!.log);
    const line = (i: number) => `line ${String(i).padStart(7, '0')}\n`; // 13 bytes
    writeFileSync(log, Array.from({ length: 300_000 }, (_, i) => line(i)).join(''));
    const size = 300_000 * 13;
    const tail = await get(`/api/runs/${runId}/log?task=a`);
    expect(tail.headers.get('x-log-size')).toBe(String(size));
    expect(tail.headers.get('x-log-end')).toBe(String(size));
    const start = Number(tail.headers.get('x-log-start'));
    expect(start).toBe(size - 64 * 1024);
    expect((await tail.text()).endsWith(line(299_999))).toBe(true);
    const before = await get(`/api/runs/${runId}/log?task=a&to=${start}`);
    expect(before.headers.get('x-log-end')).toBe(String(start));
    expect(before.headers.get('x-log-start')).toBe(String(start - 64 * 1024));
    const exact = await get(`/api/runs/${runId}/log?task=a&from=${13 * 1000}&to=${13 * 1002}`);
    expect(await exact.text()).toBe(line(1000) + line(1001));
    // One request never returns more than a megabyte.
    const wide = await get(`/api/runs/${runId}/log?task=a&from=0`);
    expect(wide.headers.get('x-log-end')).toBe(String(1024 * 1024));
    expect((await get(`/api/runs/${runId}/log?task=a&from=-1`)).status).toBe(400);
    expect((await get(`/api/runs/${runId}/log?task=a&kind=prompt`)).status).toBe(200);
  });

  it("shows a task's diff against its start commit", async () => {
    const body = (await (await get(`/api/runs/${runId}/diff?task=b`)).json()) as { text: string };
    expect(body.text).toContain('+++ b/b.txt');
    expect(body.text).not.toContain('a.txt');
  });

  it('reruns a task with the library call the CLI makes, and tells the page over server-sent events', async () => {
    const events = await fetch(`${ui.origin}/api/live`, { headers: auth() });
    const reader = events.body!.getReader() as ReadableStreamDefaultReader<Uint8Array>;
    const started = await post(
      `/api/runs/${runId}/rerun`,
      { ...auth(), Origin: ui.origin },
      { tasks: ['b'] },
    );
    expect(started.status).toBe(202);
    let seen = '';
    while (!seen.includes(runId)) seen += new TextDecoder().decode((await reader.read()).value);
    await reader.cancel();
    expect(seen).toContain('event: runs');
    const rerunDone = () => {
      const r = record();
      return (
        r.history.at(-1)!.command === 'rerun b' &&
        r.outcome !== undefined &&
        r.finishedAt! >= r.history.at(-1)!.at
      );
    };
    for (let i = 0; i < 300 && !rerunDone(); i++) await sleep(100);
    expect(record().history.at(-1)!.command).toBe('rerun b');
    expect(record().outcome).toBe('succeeded');
    expect(f.invocations().filter((i) => i.task === 'b')).toHaveLength(2);
    expect(f.invocations().filter((i) => i.task === 'a')).toHaveLength(1);
  });
});
