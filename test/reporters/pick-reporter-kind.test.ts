import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { pickReporterKind } from '../../src/reporters/reporter.js';

function stream(isTTY: boolean): NodeJS.WriteStream {
  return Object.assign(new PassThrough(), { isTTY }) as unknown as NodeJS.WriteStream;
}

describe('pickReporterKind', () => {
  it('uses json whenever --json is given', () => {
    expect(pickReporterKind({ json: true, stream: stream(true), env: {} })).toBe('json');
    expect(pickReporterKind({ json: true, stream: stream(false), env: { CI: 'true' } })).toBe('json');
  });

  it('draws the tree only on a terminal outside CI', () => {
    expect(pickReporterKind({ json: false, stream: stream(true), env: {} })).toBe('tty');
    expect(pickReporterKind({ json: false, stream: stream(true), env: { CI: 'false' } })).toBe('tty');
    expect(pickReporterKind({ json: false, stream: stream(true), env: { CI: 'true' } })).toBe('plain');
    expect(pickReporterKind({ json: false, stream: stream(true), env: { CI: '1' } })).toBe('plain');
    expect(pickReporterKind({ json: false, stream: stream(true), env: { TERM: 'dumb' } })).toBe('plain');
    expect(pickReporterKind({ json: false, stream: stream(false), env: {} })).toBe('plain');
  });
});
