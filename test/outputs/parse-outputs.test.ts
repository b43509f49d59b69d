import { describe, expect, it } from 'vitest';
import { parseOutputs } from '../../src/outputs/parse-outputs.js';

describe("parseOutputs: GitHub's GITHUB_OUTPUT format", () => {
  it('reads name=value lines, splitting at the first "=", and skips empty lines', () => {
    expect(parseOutputs('a=1\n\nb=x=y\nempty=\n')).toEqual({
      ok: true,
      value: { a: '1', b: 'x=y', empty: '' },
    });
  });

  it('reads heredocs with their newlines, and a later value replaces an earlier one', () => {
    const text = 'notes<<EOF\nline one\n\nline three\nEOF\na=1\na=2\n';
    expect(parseOutputs(text)).toEqual({ ok: true, value: { notes: 'line one\n\nline three', a: '2' } });
  });

  it('whichever of "=" and "<<" comes first decides, as in the runner', () => {
    expect(parseOutputs('a=b<<c\n')).toEqual({ ok: true, value: { a: 'b<<c' } });
    expect(parseOutputs('a<<X=Y\nv\nX=Y\n')).toEqual({ ok: true, value: { a: 'v' } });
  });

  it('takes CRLF line ends and a missing last newline', () => {
    expect(parseOutputs('a=1\r\nb<<E\r\nx\r\nE')).toEqual({ ok: true, value: { a: '1', b: 'x' } });
  });

  it('names the line of what does not parse', () => {
    expect(parseOutputs('a=1\njust text\n')).toEqual({
      ok: false,
      error: 'line 2: "just text" is neither name=value nor name<<DELIMITER',
    });
    expect(parseOutputs('x<<END\nnever\n')).toEqual({
      ok: false,
      error: 'line 1: no line "END" ends the value of "x"',
    });
    expect(parseOutputs('x<<\n')).toMatchObject({ ok: false, error: 'line 1: "x<<" names no delimiter' });
    const bad = parseOutputs('1st=a\n');
    expect(!bad.ok && bad.error).toContain('not an output name');
    expect(parseOutputs('=a\n')).toMatchObject({ ok: false });
  });

  it('a name such as __proto__ is just a name', () => {
    const r = parseOutputs('__proto__=x\n');
    expect(r.ok && r.value.__proto__).toBe('x');
  });
});
