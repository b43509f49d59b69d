/**
 * The real Claude Code and Codex CLIs in a bubblewrap jail without the machine's network, against
 * the scripted model servers on this machine's loopback: listed, the server is reached through the
 * gate and the agent edits a file; not listed, the agent cannot reach it.
 */
import { lookup } from 'node:dns/promises';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openNetworkGate } from '../../src/isolation/network-gate.js';
import type { NetworkGate } from '../../src/isolation/network-gate.js';
import { claudeArgs, claudeEnv, startAnthropicServer } from '../support/anthropic-server.js';
import type { ModelServer } from '../support/model-server.js';
import { act, edit, reply, write } from '../support/model-script.js';
import type { ModelScript } from '../support/model-script.js';
import { codexArgs, codexEnv, startOpenAIServer } from '../support/openai-server.js';
import { CLAUDE_BIN, CODEX_BIN, OUTSIDE_SYSTEM_TEMP, makeRepo, tempDirs } from '../models/helpers.js';
import { noJail, runJailed } from './net-jail.js';

// Outside the system temp folder like the other Codex tests, though here Codex's own sandbox is off:
// the jail is the sandbox, as under `isolation: os`.
const dirs = tempDirs(OUTSIDE_SYSTEM_TEMP);
const gates: NetworkGate[] = [];
const servers: ModelServer[] = [];

afterEach(async () => {
  await Promise.all(gates.splice(0).map((gate) => gate.close()));
  await Promise.all(servers.splice(0).map((server) => server.close()));
  await dirs.dispose();
});

const editScript: ModelScript = [
  act(write('notes.txt', 'alpha\nbeta\n')),
  act(edit('notes.txt', 'beta', 'gamma')),
  reply('Edited.'),
];

async function open(allow: readonly string[]): Promise<NetworkGate> {
  const gate = await openNetworkGate({ allow, stateDir: await dirs.make('net-state') });
  gates.push(gate);
  return gate;
}

/** `127.0.0.1:PORT` of a scripted server: what an adapter lists for a loopback base URL. */
function hostOf(server: ModelServer): string {
  return new URL(server.url).host;
}

interface Agent {
  readonly name: string;
  readonly start: (script: ModelScript) => Promise<ModelServer>;
  /** The CLI's argv and env against the model server at `url`. */
  readonly argv: (url: string) => string[];
  readonly env: (url: string, home: string) => Record<string, string>;
  /** What the CLI prints when it cannot connect to its model server. */
  readonly cannotConnect: RegExp;
}

const agents: Agent[] = [
  {
    name: 'Claude Code',
    start: startAnthropicServer,
    argv: () => [CLAUDE_BIN, ...claudeArgs('Write and edit notes.txt.')],
    env: (url, home) => claudeEnv({ url, home }),
    cannotConnect: /Unable to connect to API/,
  },
  {
    name: 'Codex',
    start: startOpenAIServer,
    // The adapter turns Codex's own sandbox off (danger-full-access); nested in the jail it could not start.
    argv: (url) => [
      CODEX_BIN,
      ...codexArgs(url, 'Write and edit notes.txt.', { sandbox: 'bypass', model: 'gpt-5-codex' }),
    ],
    env: (url, home) => codexEnv({ url, home }),
    cannotConnect: /Connection failed/,
  },
];

describe.skipIf(noJail !== undefined)(
  `real agent CLIs behind the network gate${noJail ? ` (skipped: ${noJail})` : ''}`,
  () => {
    describe.each(agents)('$name', (agent) => {
      async function runAgent(
        allow: (server: ModelServer) => string[],
        timeoutMs: number,
        url: (server: ModelServer) => string = (server) => server.url,
      ) {
        const repo = await makeRepo(dirs);
        const home = await dirs.make('home');
        const server = await agent.start(editScript);
        servers.push(server);
        const gate = await open(allow(server));
        const run = await runJailed(gate, agent.argv(url(server)), {
          cwd: repo,
          env: agent.env(url(server), home),
          writable: [home],
          timeoutMs,
          ownPids: true,
        });
        return { repo, server, run };
      }

      it('edits a file, reaching the loopback model server because it is listed', async () => {
        const { repo, server, run } = await runAgent((s) => [hostOf(s), 'api.example.com'], 50_000);

        expect(run.exitCode, run.stderr).toBe(0);
        expect(await readFile(join(repo, 'notes.txt'), 'utf8')).toBe('alpha\ngamma\n');
        expect(server.requests).toHaveLength(3);
        expect(server.problems).toEqual([]);
      });

      it('reaches a model server named by a host name through the proxy variables', async (context) => {
        // This machine's own name, when it resolves to loopback. Loopback is listed without a port,
        // so nothing is forwarded into the jail: a direct connection finds the jail's own empty
        // loopback, and only a CLI that goes through HTTP_PROXY/HTTPS_PROXY reaches the server
        // (the proxy takes the name to this machine because loopback is listed; see the DNS guard).
        const name = hostname();
        if (!(await lookup(name).catch(() => undefined))?.address.startsWith('127.')) {
          context.skip();
          return;
        }
        const byName = (server: ModelServer): string => server.url.replace('127.0.0.1', name);
        const { repo, server, run } = await runAgent(
          (s) => [new URL(byName(s)).host, '127.0.0.1'],
          50_000,
          byName,
        );

        expect(run.exitCode, run.stderr).toBe(0);
        expect(await readFile(join(repo, 'notes.txt'), 'utf8')).toBe('alpha\ngamma\n');
        expect(server.requests).toHaveLength(3);
      });

      it('cannot reach the model server when it is not listed', async () => {
        // Codex waits for the network to come back until it is stopped: it gets 15 s.
        const { repo, server, run } = await runAgent(() => ['api.example.com'], 15_000);

        expect(run.exitCode !== 0 || run.timedOut).toBe(true);
        expect(`${run.stdout}\n${run.stderr}`).toMatch(agent.cannotConnect);
        expect(server.requests).toEqual([]);
        expect(existsSync(join(repo, 'notes.txt'))).toBe(false);
      });
    });
  },
);
