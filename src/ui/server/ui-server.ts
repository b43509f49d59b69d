import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Git } from '../../git/git.js';
import { taskRange } from '../../git/task-range.js';
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import { findRun } from '../../state/find-run.js';
import { isRunId } from '../../state/run-paths.js';
import type { RunStore } from '../../state/run-store.js';
import type { RunRecord } from '../../state/run-state.js';
import { ACTIONS, Actions } from './actions.js';
import type { ActionName } from './actions.js';
import { Access, newToken, sameOrigin } from './auth.js';
import { logFile, readSlice } from './log-range.js';
import type { LogQuery } from './log-range.js';
import { RunWatcher } from './run-watcher.js';
import { listRuns, runView } from './run-views.js';
import { ASSETS, asset, CONTENT_SECURITY_POLICY, indexPage } from './static-assets.js';

export interface UiServerOptions {
  repoRoot: string;
  host?: string;
  /** 0: any free port. */
  port?: number;
}

export interface UiServer {
  /** What `orchestra ui` prints: the address with the token. */
  url: string;
  origin: string;
  token: string;
  close(): Promise<void>;
}

/** A diff larger than this is cut: a browser tab is not the place for it (`orchestra diff` is). */
const MAX_DIFF = 2 * 1024 * 1024;
/** A comment line now and then keeps proxies and idle timers from closing the event stream. */
const HEARTBEAT_MS = 15_000;

/** Starts the web view of the runs of `repoRoot`; see `orchestra ui` in the README. */
export async function startUiServer(opts: UiServerOptions): Promise<UiServer> {
  const host = opts.host ?? '127.0.0.1';
  const token = newToken();
  const watcher = new RunWatcher(opts.repoRoot);
  const actions = new Actions(opts.repoRoot);
  const streams = new Set<ServerResponse>();
  const access = new Access(token);
  const server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      // A bug: say so on the page, never a stack trace to the network.
      if (!res.headersSent) send(res, 500, { error: { message: `internal error: ${String(e)}` } });
      else res.end();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://ui.invalid');
    res.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('Cache-Control', 'no-store');
    const a = access;
    // The printed URL: trade the token for the cookie, and take it out of the address bar and history.
    if (req.method === 'GET' && url.pathname === '/' && url.searchParams.has('token')) {
      if (!a.matches(url.searchParams.get('token'))) return denied(res);
      res.writeHead(303, { 'Set-Cookie': a.cookie, Location: '/' }).end();
      return;
    }
    if (!a.fromCookie(req) && !a.fromHeader(req)) return denied(res);
    if (req.method === 'POST') return post(req, res, url);
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, problem('only GET and POST'));
    if (url.pathname === '/')
      return void res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(indexPage(token));
    const type = ASSETS[url.pathname];
    if (type) {
      const body = await asset(url.pathname);
      if (!body) return send(res, 500, problem('the page is not built', 'run "npm run build"'));
      return void res.writeHead(200, { 'Content-Type': type }).end(body);
    }
    if (url.pathname === '/favicon.ico') return void res.writeHead(204).end();
    if (url.pathname === '/api/runs')
      return send(res, 200, { repoRoot: opts.repoRoot, runs: await listRuns(opts.repoRoot) });
    if (url.pathname === '/api/live') return live(res);
    const m = /^\/api\/runs\/([^/]+)(?:\/(log|diff))?$/.exec(url.pathname);
    if (!m) return send(res, 404, problem(`no page ${url.pathname}`));
    const found = await run(res, decodeURIComponent(m[1]!));
    if (!found) return;
    if (m[2] === 'log') return log(res, found, url.searchParams);
    if (m[2] === 'diff') return diff(res, found.record, url.searchParams.get('task') ?? '');
    return send(res, 200, await runView(found.store, found.record));
  }

  /** The run named in a request: its id checked as the CLI checks `--run`, its record readable. */
  async function run(
    res: ServerResponse,
    id: string,
  ): Promise<{ store: RunStore; record: RunRecord } | undefined> {
    const found = isRunId(id) ? await findRun(opts.repoRoot, id) : undefined;
    if (found?.ok) return found.value;
    // A damaged run.json is shown as such (422), an unknown id is not found (404).
    const status = found && found.error.message.includes('is damaged') ? 422 : 404;
    send(res, status, { error: found ? found.error : { message: `"${id}" is not a run id` } });
    return undefined;
  }

  async function log(res: ServerResponse, found: { store: RunStore; record: RunRecord }, q: URLSearchParams) {
    const kind = q.get('kind') ?? 'agent';
    if (kind !== 'agent' && kind !== 'gate' && kind !== 'prompt' && kind !== 'setup')
      return send(res, 400, problem(`no log kind "${kind}"`, 'one of agent, gate, prompt, setup'));
    const attempt = whole(q.get('attempt'));
    const from = whole(q.get('from'));
    const to = whole(q.get('to'));
    if (attempt === null || from === null || to === null)
      return send(res, 400, problem('attempt, from and to are whole numbers'));
    const query: LogQuery = {
      task: q.get('task') ?? '',
      kind,
      ...(attempt === undefined ? {} : { attempt }),
      ...(q.has('gate') ? { gate: q.get('gate')! } : {}),
    };
    const path = logFile(found.store, found.record, query);
    if (!path.ok) return send(res, 404, problem(path.error));
    const slice = await readSlice(path.value, from, to);
    res.writeHead(200, {
      'Content-Type': 'text/plain; charset=utf-8',
      'X-Log-Start': String(slice.start),
      'X-Log-End': String(slice.end),
      'X-Log-Size': String(slice.size),
    });
    res.end(slice.bytes);
  }

  async function diff(res: ServerResponse, record: RunRecord, task: string) {
    const repo = new Git(opts.repoRoot);
    const range = await taskRange(repo, record, task);
    if (!range.ok) return send(res, 404, { error: range.error });
    // No external diff or text conversion: they are programs the repository's config names.
    const { stdout } = await repo.plumbing([
      'diff',
      '--no-color',
      '--no-ext-diff',
      '--no-textconv',
      range.value.from,
      range.value.to,
      '--',
    ]);
    const cut = stdout.length > MAX_DIFF;
    send(res, 200, {
      from: range.value.from,
      to: range.value.to,
      text: cut ? stdout.slice(0, MAX_DIFF) : stdout,
      cut,
    });
  }

  async function post(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    // The token itself, not the cookie alone, and from this server's own page.
    if (!access.fromHeader(req) || !sameOrigin(req))
      return send(res, 403, problem('actions need the page token and this server as their origin'));
    const m = /^\/api\/runs\/([^/]+)\/(\w+)$/.exec(url.pathname);
    const name = m?.[2] as ActionName | undefined;
    if (!m || !name || !ACTIONS.includes(name)) return send(res, 404, problem(`no action ${url.pathname}`));
    const body = await readBody(req);
    if (body === undefined) return send(res, 400, problem('the body is not a JSON object'));
    const found = await run(res, decodeURIComponent(m[1]!));
    if (!found) return;
    const tasks = Array.isArray(body.tasks)
      ? body.tasks.filter((t): t is string => typeof t === 'string')
      : [];
    const done = await actions.do(name, { runId: found.record.id, tasks, failed: body.failed === true });
    if (done.ok) return send(res, 202, { message: done.value });
    send(res, done.error.status, { error: done.error.diagnostics[0], diagnostics: done.error.diagnostics });
  }

  /** Server-sent events: `runs` with the ids of the runs that changed, for the page to fetch again. */
  function live(res: ServerResponse): void {
    res.writeHead(200, { 'Content-Type': 'text/event-stream', Connection: 'keep-alive' });
    res.write('retry: 1000\n\n');
    const unsubscribe = watcher.subscribe((changed) =>
      res.write(`event: runs\ndata: ${JSON.stringify(changed)}\n\n`),
    );
    const beat = setInterval(() => res.write(': beat\n\n'), HEARTBEAT_MS);
    streams.add(res);
    res.on('close', () => {
      clearInterval(beat);
      unsubscribe();
      streams.delete(res);
    });
  }

  await watcher.start();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const origin = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  return {
    url: `${origin}/?token=${token}`,
    origin,
    token,
    async close() {
      watcher.close();
      for (const s of streams) s.end();
      await actions.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8' }).end(JSON.stringify(body));
}

const problem = (message: string, hint?: string): { error: Pick<Diagnostic, 'message' | 'hint'> } => ({
  error: { message, ...(hint ? { hint } : {}) },
});

function denied(res: ServerResponse): void {
  res
    .writeHead(401, { 'Content-Type': 'text/plain; charset=utf-8' })
    .end('orchestra ui: open the address "orchestra ui" printed (it holds this server\'s token)\n');
}

/** A whole number parameter: undefined when absent, null when malformed. */
function whole(v: string | null): number | undefined | null {
  if (v === null) return undefined;
  return /^\d{1,15}$/.test(v) ? Number(v) : null;
}

/** A small JSON object body; undefined when it is not one. */
async function readBody(req: IncomingMessage): Promise<Record<string, unknown> | undefined> {
  let text = '';
  for await (const chunk of req) {
    text += String(chunk);
    if (text.length > 64 * 1024) return undefined;
  }
  try {
    const v = JSON.parse(text || '{}') as unknown;
    return typeof v === 'object' && v !== null && !Array.isArray(v)
      ? (v as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}
