import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseNetworkAllowList } from './network-allow.js';
import type { SocketServer } from './network-proxy.js';
import { findRelayTools, relayArgv } from './network-relay.js';
import type { Relay } from './network-relay.js';

/**
 * A jailed task's way out (SPEC 9.1 `network`). The jail runs with `--unshare-net`, so it has only
 * its own loopback; outside it, an HTTP proxy on a unix socket dials only the listed hosts, and each
 * listed loopback `host:port` gets a unix socket of its own. The socket folder is bound into the
 * jail, where socat relays serve them on 127.0.0.1: the proxy on one port (HTTP_PROXY and friends
 * point there), each listed loopback server on its own port, so `http://127.0.0.1:PORT` (a scripted
 * model server, ANTHROPIC_BASE_URL, a provider's base_url) works unchanged inside. NO_PROXY keeps
 * loopback direct: servers the task starts itself (ORCHESTRA_PORT) live on the jail's loopback.
 * The proxy URL carries credentials of this gate alone: a jail that can see another gate's socket
 * cannot use its list.
 */
export interface NetworkGate {
  /** Extra bwrap arguments (the socket folder); [] when the network is open. Give them after the jail's own mounts. */
  bwrapArgs: string[];
  /** Environment for processes inside the jail (the proxy variables). */
  env: Record<string, string>;
  /** The argv to run inside the jail: `argv` behind the relays; `argv` itself when nothing needs relaying. */
  wrapInner(argv: string[]): string[];
  /** True: the jail keeps the machine's network (`*` is listed); false: it runs with --unshare-net. */
  shareNet: boolean;
  /** Stops the proxy and the forwards, ending their connections, and removes the socket folder. */
  close(): Promise<void>;
}

/** The proxy's port inside the jail, unless a listed loopback server has it. */
const PROXY_PORT = 3128;
/** Longest unix socket path Linux takes (sun_path is 108 bytes with its NUL). */
const MAX_SOCKET_PATH = 107;

/**
 * What is missing for `allow` to be enforced on this machine (what to install), or undefined.
 * Isolation checks this before it promises a closed network.
 */
export function networkGateProblem(
  allow: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
): string | undefined {
  if (allow.length === 0 || allow.includes('*')) return undefined;
  const tools = findRelayTools(env);
  return typeof tools === 'string' ? tools : undefined;
}

/**
 * Opens the gate for a jail allowed to reach `allow` (the task's `sandbox.network` plus its agent's
 * API hosts). Sockets go in a new folder under `stateDir` (under the system temp folder when that
 * path would be too long for a unix socket). Call {@link networkGateProblem} first: a missing relay
 * program here is a bug.
 */
export async function openNetworkGate(options: {
  allow: readonly string[];
  stateDir: string;
}): Promise<NetworkGate> {
  const allow = parseNetworkAllowList(options.allow);
  if (allow.open || options.allow.length === 0) {
    // `*`: the machine's network; nothing listed: the jail's own loopback alone. Nothing to relay either way.
    return { bwrapArgs: [], env: {}, wrapInner: (argv) => argv, shareNet: allow.open, close: async () => {} };
  }
  const tools = findRelayTools();
  if (typeof tools === 'string') throw new Error(`network isolation: ${tools}`);

  const dir = await socketFolder(options.stateDir);
  const servers: SocketServer[] = [];
  const closeAll = async (): Promise<void> => {
    await Promise.all(servers.splice(0).map((server) => server.close()));
    await rm(dir, { recursive: true, force: true });
  };
  const proxyPort = freePort(PROXY_PORT, new Set(allow.loopbackPorts.map((entry) => entry.port)));
  const relays: Relay[] = [{ port: proxyPort, socket: join(dir, 'proxy.sock') }];
  const credentials = `orchestra:${randomBytes(16).toString('hex')}`;
  try {
    // Loaded here, not with the run: the proxy brings Node's http, which most runs never use.
    const { startNetworkProxy, startPortForward } = await import('./network-proxy.js');
    servers.push(await startNetworkProxy(allow, join(dir, 'proxy.sock'), credentials));
    for (const { port, host } of allow.loopbackPorts) {
      const socket = join(dir, `port-${port}.sock`);
      servers.push(await startPortForward(socket, host, port));
      relays.push({ port, socket });
    }
  } catch (error) {
    await closeAll();
    throw error;
  }

  const proxy = `http://${credentials}@127.0.0.1:${proxyPort}`;
  const direct = 'localhost,127.0.0.1,::1';
  let closing: Promise<void> | undefined;
  return {
    bwrapArgs: ['--ro-bind', dir, dir],
    env: {
      HTTP_PROXY: proxy,
      HTTPS_PROXY: proxy,
      ALL_PROXY: proxy,
      http_proxy: proxy,
      https_proxy: proxy,
      all_proxy: proxy,
      NO_PROXY: direct,
      no_proxy: direct,
    },
    wrapInner: (argv) => relayArgv(tools, relays, argv),
    shareNet: false,
    close: () => (closing ??= closeAll()),
  };
}

async function socketFolder(stateDir: string): Promise<string> {
  await mkdir(stateDir, { recursive: true });
  const longest = join(stateDir, 'net-XXXXXX', 'port-65535.sock');
  const parent = Buffer.byteLength(longest) <= MAX_SOCKET_PATH ? stateDir : tmpdir();
  return mkdtemp(join(parent, parent === stateDir ? 'net-' : 'orchestra-net-'));
}

function freePort(from: number, taken: ReadonlySet<number>): number {
  let port = from;
  while (taken.has(port)) port++;
  return port;
}
