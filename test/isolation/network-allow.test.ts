import { describe, expect, it } from 'vitest';
import { networkEntryProblem, parseNetworkAllowList } from '../../src/isolation/network-allow.js';

describe('network allow list', () => {
  it('matches names case-insensitively, with or without a trailing dot, on any port unless one is given', () => {
    const allow = parseNetworkAllowList(['API.example.com', 'registry.npmjs.org:443']);

    expect(allow.open).toBe(false);
    expect(allow.allows('api.example.com', 443)).toBe(true);
    expect(allow.allows('api.EXAMPLE.com.', 8080)).toBe(true);
    expect(allow.allows('registry.npmjs.org', 443)).toBe(true);
    expect(allow.allows('registry.npmjs.org', 80)).toBe(false);
    expect(allow.allows('example.com', 443)).toBe(false);
    expect(allow.allows('evil-api.example.com', 443)).toBe(false);
  });

  it('lets *.domain match the names under it but not the domain itself or an IP', () => {
    const allow = parseNetworkAllowList(['*.example.com']);

    expect(allow.allows('a.example.com', 443)).toBe(true);
    expect(allow.allows('a.b.example.com', 443)).toBe(true);
    expect(allow.allows('example.com', 443)).toBe(false);
    expect(allow.allows('badexample.com', 443)).toBe(false);
  });

  it('takes every spelling of loopback for the same host and lists its ports to forward', () => {
    const allow = parseNetworkAllowList(['127.0.0.1:8080', 'localhost:9090', '[::1]:7070', '127.0.0.1:8080']);

    for (const host of ['127.0.0.1', 'localhost', '::1', '[::1]', '::ffff:127.0.0.1', '127.0.0.2']) {
      expect(allow.allows(host, 8080), host).toBe(true);
    }
    expect(allow.allows('127.0.0.1', 8081)).toBe(false);
    expect(allow.loopbackPorts).toEqual([
      { port: 8080, host: '127.0.0.1' },
      { port: 9090, host: 'localhost' },
      { port: 7070, host: '::1' },
    ]);
    // A bare loopback entry allows every port through the proxy but forwards none.
    const bare = parseNetworkAllowList(['localhost']);
    expect(bare.allows('127.0.0.1', 5432)).toBe(true);
    expect(bare.loopbackPorts).toEqual([]);
  });

  it('opens everything with "*"', () => {
    expect(parseNetworkAllowList(['api.example.com', '*']).open).toBe(true);
  });

  it('says what is wrong with a bad entry', () => {
    expect(networkEntryProblem('api.example.com:443')).toBeUndefined();
    expect(networkEntryProblem('::1')).toBeUndefined();
    expect(networkEntryProblem('host:99999')).toBe('port "99999" is not 1-65535');
    expect(networkEntryProblem('host:http')).toBe('port "http" is not 1-65535');
    expect(networkEntryProblem('https://api.example.com:8443/v1')).toBe(
      'a host, not a URL: write "api.example.com:8443"',
    );
    expect(networkEntryProblem('api.example.com/v1')).toMatch(/expected a host name/);
    expect(networkEntryProblem('')).toBe('no host');
    expect(() => parseNetworkAllowList(['a b'])).toThrow(/bad network entry "a b"/);
  });
});
