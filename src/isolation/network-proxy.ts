import { lookup } from 'node:dns';
import type { LookupAddress, LookupOptions } from 'node:dns';
import { STATUS_CODES, createServer as createHttpServer, request as httpRequest } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { BlockList, connect, createServer, isIP } from 'node:net';
import type { Server, Socket } from 'node:net';
import { splitHostPort } from './network-allow.js';
import type { NetworkAllowList } from './network-allow.js';

/** A server listening on a unix socket, closed with every connection it holds. */
export interface SocketServer {
  close(): Promise<void>;
}

/**
 * The machine side of a jail's network: an HTTP proxy (CONNECT, and plain `http://` requests in
 * absolute form) on the unix socket `path`, that dials only what `allow` allows and answers 403
 * with the reason otherwise. A listed name that resolves to this machine's loopback, link-local or
 * unspecified addresses is refused unless that address is listed too, so a wildcard cannot be
 * pointed at the machine's own services through DNS. Every request must carry `credentials`
 * (`Proxy-Authorization: Basic`), so another task's jail that could see this socket cannot use it.
 */
export function startNetworkProxy(
  allow: NetworkAllowList,
  path: string,
  credentials: string,
): Promise<SocketServer> {
  const server = createHttpServer();
  const authorized = (req: IncomingMessage): boolean =>
    req.headers['proxy-authorization'] === `Basic ${Buffer.from(credentials).toString('base64')}`;
  server.on('connect', (req: IncomingMessage, client: Socket, head: Buffer) => {
    if (!authorized(req)) {
      refuseSocket(client, 407, UNAUTHORIZED);
      return;
    }
    const { host, port } = splitHostPort(req.url ?? '');
    const portNumber = Number(port);
    if (!host || !Number.isInteger(portNumber) || portNumber < 1 || portNumber > 65535) {
      refuseSocket(client, 400, `orchestra: bad CONNECT target ${JSON.stringify(req.url)}`);
      return;
    }
    if (!allow.allows(host, portNumber)) {
      refuseSocket(client, 403, notListed(host, portNumber));
      return;
    }
    const upstream = connect({ host, port: portNumber, lookup: guardedLookup(allow, portNumber) });
    let connected = false;
    upstream.once('connect', () => {
      connected = true;
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length > 0) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    upstream.on('error', (error: NodeJS.ErrnoException) => {
      if (connected) client.destroy();
      else refuseSocket(client, ...upstreamFailure(error, host, portNumber));
    });
    client.on('error', () => upstream.destroy());
    client.on('close', () => upstream.destroy());
  });
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    if (authorized(req)) forwardPlainHttp(allow, req, res);
    else refuseResponse(res, 407, UNAUTHORIZED);
  });
  return listenOn(server, path);
}

/** Connections to the unix socket `path` are piped to `host:port` on this machine (a listed loopback server). */
export function startPortForward(path: string, host: string, port: number): Promise<SocketServer> {
  const server = createServer((client) => {
    const upstream = connect({ host, port });
    client.pipe(upstream).pipe(client);
    client.on('error', () => upstream.destroy());
    upstream.on('error', () => client.destroy());
  });
  return listenOn(server, path);
}

function forwardPlainHttp(allow: NetworkAllowList, req: IncomingMessage, res: ServerResponse): void {
  let url: URL;
  try {
    url = new URL(req.url ?? '');
  } catch {
    refuseResponse(
      res,
      400,
      `orchestra: this proxy takes absolute http:// URLs, not ${JSON.stringify(req.url)}`,
    );
    return;
  }
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  const port = Number(url.port || 80);
  if (url.protocol !== 'http:') {
    refuseResponse(res, 400, `orchestra: ${url.protocol} goes through CONNECT, not a plain request`);
    return;
  }
  if (!allow.allows(host, port)) {
    refuseResponse(res, 403, notListed(host, port));
    return;
  }
  const headers = { ...req.headers };
  for (const name of HOP_BY_HOP) delete headers[name];
  const upstream = httpRequest(
    {
      host,
      port,
      method: req.method,
      path: url.pathname + url.search,
      headers,
      lookup: guardedLookup(allow, port),
    },
    (answer) => {
      const kept: string[] = [];
      for (let i = 0; i + 1 < answer.rawHeaders.length; i += 2) {
        const [name = '', value = ''] = answer.rawHeaders.slice(i, i + 2);
        if (!HOP_BY_HOP.has(name.toLowerCase())) kept.push(name, value);
      }
      res.writeHead(answer.statusCode ?? 502, answer.statusMessage, kept);
      answer.pipe(res);
    },
  );
  upstream.on('error', (error: NodeJS.ErrnoException) => {
    if (res.headersSent) res.destroy();
    else refuseResponse(res, ...upstreamFailure(error, host, port));
  });
  // A client that goes away mid-request must not leave its upstream request open.
  res.on('close', () => {
    if (!res.writableFinished) upstream.destroy();
  });
  req.pipe(upstream);
}

const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'proxy-authorization',
  'te',
  'upgrade',
]);

/** Addresses a listed name must not lead to unless they are listed themselves: this machine's own. */
const INTERNAL = new BlockList();
INTERNAL.addSubnet('127.0.0.0', 8, 'ipv4');
INTERNAL.addSubnet('0.0.0.0', 8, 'ipv4');
INTERNAL.addSubnet('169.254.0.0', 16, 'ipv4');
INTERNAL.addAddress('::1', 'ipv6');
INTERNAL.addAddress('::', 'ipv6');
INTERNAL.addSubnet('fe80::', 10, 'ipv6');

const DENIED = 'EORCHESTRA_NOT_LISTED';

function isInternal(address: string): boolean {
  const v4 = address.startsWith('::ffff:') ? address.slice(7) : address;
  return isIP(v4) === 4 ? INTERNAL.check(v4, 'ipv4') : INTERNAL.check(address, 'ipv6');
}

type LookupCallback = (
  error: NodeJS.ErrnoException | null,
  address: string | LookupAddress[],
  family?: number,
) => void;

/** A `lookup` for net/http that keeps only the addresses `allow` lets a name lead to on `port`. */
function guardedLookup(allow: NetworkAllowList, port: number) {
  return (hostname: string, options: LookupOptions, callback: LookupCallback): void => {
    lookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) {
        callback(error, []);
        return;
      }
      const usable = addresses.filter((a) => !isInternal(a.address) || allow.allows(a.address, port));
      const first = usable[0];
      if (first === undefined) {
        const denied: NodeJS.ErrnoException = new Error(
          `orchestra: ${hostname} resolves to ${addresses.map((a) => a.address).join(', ')}, an address of ` +
            `this machine that is not in the task's sandbox.network`,
        );
        denied.code = DENIED;
        callback(denied, []);
      } else if (options.all) callback(null, usable);
      else callback(null, first.address, first.family);
    });
  };
}

const UNAUTHORIZED = "orchestra: this is another task's network proxy";

function notListed(host: string, port: number): string {
  return `orchestra: ${host}:${port} is not in this task's sandbox.network (nor its agent's API hosts)`;
}

function upstreamFailure(error: NodeJS.ErrnoException, host: string, port: number): [number, string] {
  return error.code === DENIED
    ? [403, error.message]
    : [502, `orchestra: cannot reach ${host}:${port}: ${error.code ?? error.message}`];
}

function refuseSocket(client: Socket, status: number, reason: string): void {
  client.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}\r\n` +
      `Content-Type: text/plain\r\nContent-Length: ${Buffer.byteLength(reason) + 1}\r\nConnection: close\r\n\r\n${reason}\n`,
  );
}

function refuseResponse(res: ServerResponse, status: number, reason: string): void {
  res.writeHead(status, { 'Content-Type': 'text/plain', Connection: 'close' });
  res.end(`${reason}\n`);
}

/** Listens on `path`; the returned close also ends every open connection, as a jail's end must. */
function listenOn(server: Server, path: string): Promise<SocketServer> {
  const open = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    open.add(socket);
    socket.on('close', () => open.delete(socket));
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(path, () => {
      server.off('error', reject);
      // A failed accept (out of file descriptors) fails that one connection; it must not end orchestra.
      server.on('error', () => {});
      resolve({
        close: () =>
          new Promise((done) => {
            server.close(() => done());
            for (const socket of open) socket.destroy();
          }),
      });
    });
  });
}
