import { createServer } from 'node:net';

/**
 * A TCP port that was free on 127.0.0.1 a moment ago (the OS picked it). Another process may take it
 * before the caller binds it; callers that need certainty must retry on EADDRINUSE.
 */
export function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen({ host: '127.0.0.1', port: 0 }, () => {
      const address = server.address();
      // listen() on a TCP host always yields an AddressInfo; a string would mean a pipe.
      if (address === null || typeof address === 'string') {
        server.close(() => reject(new Error(`unexpected server address: ${String(address)}`)));
        return;
      }
      server.close(() => resolve(address.port));
    });
  });
}
