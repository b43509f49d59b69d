import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * Local stand-ins for the Anthropic Messages API and the OpenAI Responses API, just enough for the real
 * `claude` and `codex` CLIs to run one task: the first call asks for tool use (write a file, run a
 * command), the next one answers with a final message. No hosted model is involved.
 */
export type FakeMode = 'tools' | 'rate-limit';

export interface FakeApi {
  url: string;
  /** Parsed JSON bodies of the model requests received. */
  requests: Record<string, unknown>[];
  close(): Promise<void>;
}

export const FINAL_TEXT = 'Done: wrote the file and ran the command.';

/** `sandbox`: the absolute folder the Write tool call targets. */
export async function startFakeAnthropic(mode: FakeMode, sandbox: string): Promise<FakeApi> {
  return start((body, res) => {
    if (mode === 'rate-limit') {
      res.writeHead(429, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({ type: 'error', error: { type: 'rate_limit_error', message: 'Rate limited' } }),
      );
      return;
    }
    const messages = (body.messages ?? []) as { content: unknown }[];
    const last = messages.at(-1)?.content;
    const answered = Array.isArray(last) && last.some((c) => (c as { type?: string }).type === 'tool_result');
    const usage = {
      input_tokens: 100,
      cache_creation_input_tokens: 0,
      cache_read_input_tokens: 0,
      output_tokens: 1,
    };
    const send = sse(res);
    send('message_start', {
      message: {
        id: 'msg_fake',
        type: 'message',
        role: 'assistant',
        model: body.model,
        content: [],
        stop_reason: null,
        stop_sequence: null,
        usage,
      },
    });
    if (answered) {
      send('content_block_start', { index: 0, content_block: { type: 'text', text: '' } });
      send('content_block_delta', { index: 0, delta: { type: 'text_delta', text: FINAL_TEXT } });
      send('content_block_stop', { index: 0 });
      send('message_delta', {
        delta: { stop_reason: 'end_turn', stop_sequence: null },
        usage: { output_tokens: 20 },
      });
    } else {
      const tools = [
        {
          id: 'toolu_w',
          name: 'Write',
          input: { file_path: `${sandbox}/written.txt`, content: 'by Write\n' },
        },
        {
          id: 'toolu_b',
          name: 'Bash',
          input: { command: 'echo by-bash > bash.txt', description: 'write a file' },
        },
      ];
      tools.forEach((tool, index) => {
        send('content_block_start', {
          index,
          content_block: { type: 'tool_use', id: tool.id, name: tool.name, input: {} },
        });
        send('content_block_delta', {
          index,
          delta: { type: 'input_json_delta', partial_json: JSON.stringify(tool.input) },
        });
        send('content_block_stop', { index });
      });
      send('message_delta', {
        delta: { stop_reason: 'tool_use', stop_sequence: null },
        usage: { output_tokens: 30 },
      });
    }
    send('message_stop', {});
    res.end();
  });
}

export async function startFakeOpenAI(mode: FakeMode): Promise<FakeApi> {
  return start((body, res) => {
    if (mode === 'rate-limit') {
      res.writeHead(429, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          error: { message: 'Rate limit reached', type: 'requests', code: 'rate_limit_exceeded' },
        }),
      );
      return;
    }
    const input = (body.input ?? []) as { type?: string }[];
    const answered = input.some((item) => item.type === 'function_call_output');
    const send = sse(res);
    send('response.created', { response: { id: 'resp_fake' } });
    const item = answered
      ? {
          type: 'message',
          role: 'assistant',
          id: 'msg_1',
          content: [{ type: 'output_text', text: FINAL_TEXT }],
        }
      : {
          type: 'function_call',
          id: 'fc_1',
          call_id: 'call_1',
          name: 'exec_command',
          arguments: JSON.stringify({ cmd: 'echo by-codex > codex.txt' }),
        };
    send('response.output_item.added', { output_index: 0, item });
    send('response.output_item.done', { output_index: 0, item });
    send('response.completed', {
      response: {
        id: 'resp_fake',
        usage: {
          input_tokens: 1000,
          input_tokens_details: { cached_tokens: 0 },
          output_tokens: 25,
          output_tokens_details: { reasoning_tokens: 5 },
          total_tokens: 1025,
        },
      },
    });
    res.end();
  });
}

type Handler = (body: Record<string, unknown>, res: ServerResponse) => void;

async function start(handle: Handler): Promise<FakeApi> {
  const requests: Record<string, unknown>[] = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const isModelCall = req.method === 'POST' && /\/(messages|responses)\b/.test(req.url ?? '');
      if (!isModelCall) {
        res.writeHead(404, { 'content-type': 'application/json' });
        res.end('{}');
        return;
      }
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
      requests.push(body);
      handle(body, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function sse(res: ServerResponse): (type: string, data: Record<string, unknown>) => void {
  res.writeHead(200, { 'content-type': 'text/event-stream' });
  return (type, data) => res.write(`event: ${type}\ndata: ${JSON.stringify({ type, ...data })}\n\n`);
}
