import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { findFreePort } from '../../src/process/free-port.js';

describe('findFreePort', () => {
  it('returns a port that can then be bound on 127.0.0.1', async () => {
    const port = await findFreePort();
    expect(port).toBeGreaterThan(0);
    expect(port).toBeLessThan(65536);
    const server = createServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', resolve);
    });
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
});
