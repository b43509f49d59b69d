import { isIP } from 'node:net';

/**
 * One entry of a task's network list (`sandbox.network` plus its agent's API hosts): `*` (everything),
 * a host name, `*.domain` (any name under it, not the domain itself), an IP, each optionally with
 * `:port` (`[v6]:port` for IPv6). Every spelling of loopback (`localhost`, `127.x.x.x`, `::1`) names
 * the same thing: the machine's own loopback.
 */
interface Rule {
  /** A lower-case name or IP, `LOOPBACK`, or the suffix `.domain` of a wildcard. */
  readonly host: string;
  readonly wildcard: boolean;
  /** Undefined: any port. */
  readonly port: number | undefined;
  /** The host as written, to forward a loopback port to the address the user named. */
  readonly written: string;
}

/** What a network list allows. */
export interface NetworkAllowList {
  /** `*` is listed: the task keeps the machine's network. */
  readonly open: boolean;
  /** Whether a connection to `host` (a name or an IP, IPv6 with or without brackets) on `port` is allowed. */
  allows(host: string, port: number): boolean;
  /**
   * Loopback servers listed with their port, to be reachable inside the jail at the same address:
   * `port` and the host to dial on the machine (as the user wrote it: `127.0.0.1`, `localhost`, `::1`).
   */
  readonly loopbackPorts: ReadonlyArray<{ readonly port: number; readonly host: string }>;
}

const LOOPBACK = 'loopback';

/** Why `entry` is no network list entry, or undefined when it is one. */
export function networkEntryProblem(entry: string): string | undefined {
  const rule = parseEntry(entry);
  return typeof rule === 'string' ? rule : undefined;
}

/** The allow list of `entries`; throws on an entry {@link networkEntryProblem} refuses (validated earlier). */
export function parseNetworkAllowList(entries: readonly string[]): NetworkAllowList {
  const rules = entries.filter((entry) => entry !== '*').map(ruleOf);
  const loopbackPorts = new Map<number, string>();
  for (const rule of rules) {
    if (rule.host === LOOPBACK && rule.port !== undefined && !loopbackPorts.has(rule.port)) {
      loopbackPorts.set(rule.port, rule.written);
    }
  }
  return {
    open: entries.includes('*'),
    allows(host, port) {
      const name = normalizeHost(host);
      return rules.some(
        (rule) =>
          (rule.port === undefined || rule.port === port) &&
          (rule.wildcard ? name.endsWith(rule.host) && isIP(name) === 0 : name === rule.host),
      );
    },
    loopbackPorts: [...loopbackPorts].map(([port, host]) => ({ port, host })),
  };
}

function ruleOf(entry: string): Rule {
  const rule = parseEntry(entry);
  if (typeof rule === 'string') throw new Error(`bad network entry ${JSON.stringify(entry)}: ${rule}`);
  return rule;
}

/**
 * Splits `host:port` / `[v6]:port` / bare IPv6; undefined port when none is given. Also used for a
 * proxy's CONNECT target.
 */
export function splitHostPort(text: string): { host: string; port: string | undefined } {
  const bracketed = /^\[([^\]]*)\](?::(.*))?$/.exec(text);
  if (bracketed) return { host: bracketed[1] ?? '', port: bracketed[2] };
  const colon = text.lastIndexOf(':');
  // Two colons or more without brackets: an IPv6 address, which has no port.
  if (colon < 0 || text.indexOf(':') !== colon) return { host: text, port: undefined };
  return { host: text.slice(0, colon), port: text.slice(colon + 1) };
}

function parseEntry(entry: string): Rule | string {
  const url = /^[a-z]+:\/\/([^/]*)/i.exec(entry.trim());
  if (url) return `a host, not a URL: write ${JSON.stringify(url[1])}`;
  const { host, port } = splitHostPort(entry.trim());
  if (host === '') return 'no host';
  let portNumber: number | undefined;
  if (port !== undefined) {
    portNumber = /^\d{1,5}$/.test(port) ? Number(port) : NaN;
    if (!(portNumber >= 1 && portNumber <= 65535)) return `port ${JSON.stringify(port)} is not 1-65535`;
  }
  const wildcard = host.startsWith('*.');
  const name = wildcard ? host.slice(1) : host;
  if (!/^[\w.:-]+$/.test(wildcard ? name.slice(1) : name)) {
    return 'expected a host name, *.domain or an IP address, optionally with :port';
  }
  return {
    host: wildcard ? name.toLowerCase() : normalizeHost(name),
    wildcard,
    port: portNumber,
    written: host,
  };
}

/** Lower case, no trailing dot, no brackets, IPv4-mapped IPv6 as IPv4, every loopback as `LOOPBACK`. */
function normalizeHost(host: string): string {
  let name = host
    .toLowerCase()
    .replace(/^\[(.*)\]$/, '$1')
    .replace(/\.$/, '');
  if (name.startsWith('::ffff:') && isIP(name.slice(7)) === 4) name = name.slice(7);
  const loopback =
    name === 'localhost' ||
    name.endsWith('.localhost') ||
    name === '::1' ||
    (isIP(name) === 4 && name.startsWith('127.'));
  return loopback ? LOOPBACK : name;
}
