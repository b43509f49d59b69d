import { execFileSync } from 'node:child_process';
import { lookup } from 'node:dns/promises';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { hostname } from 'node:os';
import type { Server } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { networkGateProblem, openNetworkGate } from '../../src/isolation/network-gate.js';
import { findRelayTools } from '../../src/isolation/network-relay.js';
import type { NetworkGate } from '../../src/isolation/network-gate.js';
import { tempDirs } from '../models/helpers.js';
import { noJail, runJailed, startTextServer } from './net-jail.js';

const dirs = tempDirs();
const gates: NetworkGate[] = [];
const servers: Server[] = [];

afterEach(async () => {
  await Promise.all(gates.splice(0).map((gate) => gate.close()));
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
  await dirs.dispose();
});

async function open(allow: readonly string[]): Promise<NetworkGate> {
  const gate = await openNetworkGate({ allow, stateDir: await dirs.make('net-state') });
  gates.push(gate);
  return gate;
}

async function serve(body: string): Promise<number> {
  const { port, server } = await startTextServer(body);
  servers.push(server);
  return port;
}

/** `curl` in the jail; `-w` prints the HTTP status after the body, so a proxy's 403 shows too. */
async function curl(
  gate: NetworkGate,
  ...args: string[]
): Promise<{ code: number | undefined; out: string }> {
  const cwd = await dirs.make('cwd');
  const run = await runJailed(gate, ['curl', '-sS', '-m', '10', '-w', ' %{http_code}', ...args], { cwd });
  return { code: run.exitCode, out: `${run.stdout}\n${run.stderr}` };
}

/** Processes whose command line names `text` (the jail's relays are found by their socket folder). */
function processesNaming(text: string): string[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .flatMap((pid) => {
      try {
        const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
        return cmdline.includes(text) ? [cmdline] : [];
      } catch {
        return [];
      }
    });
}

describe.skipIf(noJail !== undefined)(
  `network gate in a bubblewrap jail${noJail ? ` (skipped: ${noJail})` : ''}`,
  () => {
    it('lets a listed loopback server answer at its own address, by IP and as localhost', async () => {
      const port = await serve('listed-server');
      const gate = await open([`127.0.0.1:${port}`]);

      expect(gate.shareNet).toBe(false);
      expect(await curl(gate, `http://127.0.0.1:${port}/`)).toEqual({ code: 0, out: 'listed-server 200\n' });
      expect(await curl(gate, `http://localhost:${port}/`)).toEqual({ code: 0, out: 'listed-server 200\n' });
      // Through the proxy too (a plain request and a CONNECT tunnel), for a client that sends loopback there.
      for (const tunnel of [[], ['--proxytunnel']]) {
        expect((await curl(gate, '--noproxy', '', ...tunnel, `http://127.0.0.1:${port}/`)).out).toBe(
          'listed-server 200\n',
        );
      }
    });

    it('refuses a loopback port and a host that are not listed', async () => {
      const listed = await serve('listed-server');
      const other = await serve('other-server');
      const gate = await open([`127.0.0.1:${listed}`, 'api.example.com']);

      // Directly: nothing listens on the jail's own loopback.
      const direct = await curl(gate, `http://127.0.0.1:${other}/`);
      expect(direct.code).toBe(7);
      expect(direct.out).not.toContain('other-server');
      // Through the proxy: refused with the reason.
      const proxied = await curl(gate, '--noproxy', '', `http://127.0.0.1:${other}/`);
      expect(proxied.out).toContain(`127.0.0.1:${other} is not in this task's sandbox.network`);
      expect(proxied.out).toMatch(/ 403\n/);
      const tunnel = await curl(gate, `https://api.other.example.org/`);
      expect(tunnel.code).toBe(56);
      expect(tunnel.out).toContain('CONNECT tunnel failed, response 403');
      // A listed host is let through: the proxy dials it (this machine may have no way out: 502 then).
      const allowed = await curl(gate, '-o', '/dev/null', `http://api.example.com/`);
      expect(allowed.out).not.toContain(' 403');
    });

    it('refuses a listed name that resolves to this machine unless that address is listed', async (context) => {
      const name = hostname();
      const address = await lookup(name).catch(() => undefined);
      if (address === undefined || !address.address.startsWith('127.')) {
        context.skip();
        return;
      }
      const port = await serve('machine-server');
      const byName = await open([`${name}:${port}`]);
      const refused = await curl(byName, '--noproxy', '', `http://${name}:${port}/`);
      expect(refused.out).toContain('an address of this machine that is not in the task');
      expect(refused.out).toMatch(/ 403\n/);

      const both = await open([`${name}:${port}`, `127.0.0.1:${port}`]);
      expect((await curl(both, '--noproxy', '', `http://${name}:${port}/`)).out).toBe('machine-server 200\n');
    });

    it("refuses a request without this gate's credentials (another task's jail that sees its socket)", async () => {
      const port = await serve('listed-server');
      const gate = await open([`127.0.0.1:${port}`]);
      const proxy = new URL(gate.env['HTTP_PROXY'] ?? '');
      const bare = `http://${proxy.host}`;

      for (const tunnel of [[], ['--proxytunnel']]) {
        const refused = await curl(gate, '--noproxy', '', '-x', bare, ...tunnel, `http://127.0.0.1:${port}/`);
        expect(refused.out).not.toContain('listed-server');
        expect(refused.out).toMatch(/ 407\n|response 407/);
      }
      const wrong = await curl(
        gate,
        '--noproxy',
        '',
        '-x',
        `http://orchestra:guess@${proxy.host}`,
        `http://127.0.0.1:${port}/`,
      );
      expect(wrong.out).toContain("another task's network proxy");
    });

    it('shares the network when "*" is listed, and adds nothing to the jail', async () => {
      const port = await serve('any-server');
      const gate = await open(['*']);

      expect(gate).toMatchObject({ shareNet: true, bwrapArgs: [], env: {} });
      expect(gate.wrapInner(['curl', 'x'])).toEqual(['curl', 'x']);
      expect(await curl(gate, `http://127.0.0.1:${port}/`)).toEqual({ code: 0, out: 'any-server 200\n' });
    });

    it('gives a jail with an empty list no way out and nothing to run', async () => {
      const port = await serve('unlisted');
      const gate = await open([]);

      expect(gate).toMatchObject({ shareNet: false, bwrapArgs: [], env: {} });
      expect((await curl(gate, `http://127.0.0.1:${port}/`)).code).toBe(7);
    });

    it('keeps the jail loopback direct for servers the task starts itself', async () => {
      const gate = await open(['api.example.com']);
      const cwd = await dirs.make('cwd');
      const script =
        'socat TCP-LISTEN:45678,bind=127.0.0.1,reuseaddr SYSTEM:"echo HTTP/1.0 200 OK; echo; echo own-server" & ' +
        'until grep -qs ":B26E " /proc/net/tcp; do :; done; curl -sS http://127.0.0.1:45678/';
      const run = await runJailed(gate, ['sh', '-c', script], { cwd });

      expect(run.stdout).toBe('own-server');
    });

    it('leaves no relay running after the command, and close ends the servers and removes the sockets', async () => {
      const port = await serve('listed-server');
      const gate = await open([`127.0.0.1:${port}`]);
      const folder = gate.bwrapArgs[1] ?? '';
      expect(readdirSync(folder).sort()).toEqual(['port-' + String(port) + '.sock', 'proxy.sock'].sort());

      expect((await curl(gate, `http://127.0.0.1:${port}/`)).code).toBe(0);
      expect(processesNaming(folder)).toEqual([]);

      // A tunnel open through the proxy when the gate closes is ended.
      const tunnel = connect(`${folder}/proxy.sock`);
      await new Promise((resolve) => tunnel.once('connect', resolve));
      const proxy = new URL(gate.env['HTTP_PROXY'] ?? '');
      const credentials = `${proxy.username}:${proxy.password}`;
      tunnel.write(
        `CONNECT 127.0.0.1:${port} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n` +
          `Proxy-Authorization: Basic ${Buffer.from(credentials).toString('base64')}\r\n\r\n`,
      );
      expect(String(await new Promise((resolve) => tunnel.once('data', resolve)))).toMatch(/^HTTP\/1.1 200/);
      const ended = new Promise((resolve) => tunnel.once('close', resolve));

      await gate.close();
      await ended;
      expect(existsSync(folder)).toBe(false);
      await gate.close();
    });

    it('puts its sockets under the system temp folder when the state folder is too deep for them', async () => {
      const deep = `${await dirs.make('deep')}/${'d'.repeat(60)}/${'e'.repeat(60)}`;
      const port = await serve('deep-server');
      const gate = await openNetworkGate({ allow: [`127.0.0.1:${port}`], stateDir: deep });
      gates.push(gate);

      expect(gate.bwrapArgs[1]?.startsWith(deep)).toBe(false);
      expect(await curl(gate, `http://127.0.0.1:${port}/`)).toEqual({ code: 0, out: 'deep-server 200\n' });
    });
  },
);

describe('what the network gate needs', () => {
  it('names the package to install when a relay program is missing, and needs nothing for an open or empty list', () => {
    expect(findRelayTools({ PATH: '/nonexistent' })).toBe(
      'socat is not installed (Debian/Ubuntu: apt-get install socat)',
    );
    expect(networkGateProblem(['*'])).toBeUndefined();
    expect(networkGateProblem([])).toBeUndefined();
    expect(networkGateProblem(['api.example.com'])).toBe(
      typeof findRelayTools() === 'string' ? findRelayTools() : undefined,
    );
  });
});

// `curl` must be present for these tests to say anything; fail loudly rather than skip.
execFileSync('curl', ['--version'], { stdio: 'ignore' });
