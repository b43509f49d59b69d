/**
 * The HTTP plumbing both fake model servers share: a loopback listener, request recording,
 * per-conversation turn counting, and a trap for anything that tries to use it as a proxy.
 */
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { answer } from './model-script.js';
import type { ModelRequest, ModelScript, ScriptTurn } from './model-script.js';

/** A request that was not a model call (start-up probes, token counting, stray proxy attempts). */
export interface RawRequest {
  readonly method: string;
  /** Path with query; for a proxy attempt, the absolute URL or CONNECT authority the client asked for. */
  readonly path: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/** A running fake model server. */
export interface ModelServer {
  /** What to give the CLI as its base URL (Anthropic: the origin; OpenAI: the origin plus `/v1`). */
  readonly url: string;
  /** `http://127.0.0.1:PORT`. */
  readonly origin: string;
  /** Every model request, in arrival order. */
  readonly requests: readonly ModelRequest[];
  /** Every other request, in arrival order, including any attempt to use the server as a proxy. */
  readonly otherRequests: readonly RawRequest[];
  /** Things the script could not do (exhausted, unknown tool...): a passing test expects none. */
  readonly problems: readonly string[];
  /** Stops listening and drops every open connection, hanging ones included. */
  close(): Promise<void>;
}

/** The fields of a {@link ModelRequest} a protocol module extracts itself. */
export type ParsedModelRequest = Omit<ModelRequest, 'index' | 'serverIndex'>;

/** What a protocol module gets for each request. */
export interface ServerContext {
  /** Counts and records a model request and asks the script for its turn. */
  take(parsed: ParsedModelRequest): { readonly request: ModelRequest; readonly turn: ScriptTurn };
  /** Records a non-model request. */
  other(raw: RawRequest): void;
  /** Records something the script could not do. */
  problem(text: string): void;
}

/** A protocol module: answers one complete request. */
export type RequestHandler = (raw: RawRequest, res: ServerResponse, context: ServerContext) => void;

/** Starts a loopback server on a free port that answers with `handle`, driven by `script`. */
export async function startModelServer(options: {
  readonly script: ModelScript;
  readonly urlPath: string;
  readonly handle: RequestHandler;
}): Promise<ModelServer> {
  const requests: ModelRequest[] = [];
  const otherRequests: RawRequest[] = [];
  const problems: string[] = [];
  const perConversation = new Map<string, number>();

  const context: ServerContext = {
    take(parsed) {
      const index = perConversation.get(parsed.conversationId) ?? 0;
      perConversation.set(parsed.conversationId, index + 1);
      const request: ModelRequest = { ...parsed, index, serverIndex: requests.length };
      requests.push(request);
      const result = answer(options.script, request);
      if (result.problem !== undefined) problems.push(result.problem);
      return { request, turn: result.turn };
    },
    other(raw) {
      otherRequests.push(raw);
    },
    problem(text) {
      problems.push(text);
    },
  };

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const raw: RawRequest = {
        method: req.method ?? 'GET',
        path: req.url ?? '/',
        headers: flatHeaders(req),
        body: Buffer.concat(chunks).toString('utf8'),
      };
      // An absolute URL means a client used us as its HTTP proxy: something tried to leave the machine.
      if (!raw.path.startsWith('/')) {
        otherRequests.push(raw);
        sendJson(res, 403, { error: { type: 'forbidden', message: 'fake model server is not a proxy' } });
        return;
      }
      try {
        options.handle(raw, res, context);
      } catch (error) {
        // A bug in a script function or a handler: make it visible to the test instead of hanging the CLI.
        problems.push(`handler threw on ${raw.method} ${raw.path}: ${String(error)}`);
        if (!res.headersSent) sendJson(res, 500, { error: { type: 'api_error', message: String(error) } });
        else res.end();
      }
    });
  });
  // HTTPS through a proxy starts with CONNECT; record it and refuse, so nothing tunnels out.
  server.on('connect', (req: IncomingMessage, socket: Duplex) => {
    otherRequests.push({ method: 'CONNECT', path: req.url ?? '', headers: flatHeaders(req), body: '' });
    socket.end('HTTP/1.1 403 Forbidden\r\ncontent-length: 0\r\n\r\n');
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    url: origin + options.urlPath,
    origin,
    requests,
    otherRequests,
    problems,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** Writes a JSON response. */
export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Readonly<Record<string, string>> = {},
): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

/** Starts a server-sent-events response. */
export function startEventStream(res: ServerResponse): void {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
}

/** Writes one server-sent event whose `event:` name is the payload's `type`. */
export function sendEvent(
  res: ServerResponse,
  payload: Readonly<Record<string, unknown>> & { readonly type: string },
): void {
  res.write(`event: ${payload.type}\ndata: ${JSON.stringify(payload)}\n\n`);
}

/** Parses a JSON body; undefined when it is not JSON. */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** Narrows unknown JSON to an object whose fields can be read. */
export function asRecord(value: unknown): Readonly<Record<string, unknown>> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

/** Narrows unknown JSON to an array (empty when it is not one). */
export function asArray(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? (value as unknown[]) : [];
}

/** A string field of an object, or undefined. */
export function stringField(value: unknown, key: string): string | undefined {
  const field = asRecord(value)?.[key];
  return typeof field === 'string' ? field : undefined;
}

/** Splits a string into a few pieces, so clients have to reassemble streamed deltas. */
export function pieces(text: string, count = 2): string[] {
  if (text.length < count) return [text];
  const size = Math.ceil(text.length / count);
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out;
}

function flatHeaders(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(req.headers)) {
    if (value !== undefined) out[key] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}
