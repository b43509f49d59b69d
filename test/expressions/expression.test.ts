import { describe, expect, it } from 'vitest';
import {
  calledFunctions,
  contextPaths,
  evaluate,
  isTrue,
  parseExpression,
  unwrap,
} from '../../src/expressions/expression.js';

const parse = (text: string) => {
  const p = parseExpression(text);
  if (!p.ok) throw new Error(p.error);
  return p.value;
};

describe('expressions: GitHub syntax through @actions/expressions', () => {
  it('unwraps ${{ }} or takes the bare expression', () => {
    expect(unwrap('${{ a == 1 }}')).toBe('a == 1');
    expect(unwrap("  success() && vars.x == 'y' ")).toBe("success() && vars.x == 'y'");
  });

  it('syntax errors, unknown contexts and functions are messages', () => {
    expect(parseExpression('${{ a == }}')).toMatchObject({ ok: false });
    expect(parseExpression('github.sha')).toEqual({ ok: false, error: "Unrecognized named-value: 'github'" });
    expect(parseExpression('cancelled()')).toEqual({
      ok: false,
      error: "Unrecognized function: 'cancelled'",
    });
    expect(parseExpression('${{  }}')).toEqual({ ok: false, error: 'empty expression' });
  });

  it('lists the literal context paths and the functions called', () => {
    const e = parse(
      "always() && tasks.plan.outputs['go'] == vars.want || matrix[vars.k] || fromJSON(tasks.a.summary)",
    );
    expect(contextPaths(e.ast)).toEqual([
      ['tasks', 'plan', 'outputs', 'go'],
      ['vars', 'want'],
      ['matrix'],
      ['vars', 'k'],
      ['tasks', 'a', 'summary'],
    ]);
    expect([...calledFunctions(e.ast)].sort()).toEqual(['always', 'fromjson']);
  });

  it('evaluates over the context with the status functions given, with GitHub truthiness', () => {
    const ctx = { tasks: { plan: { outputs: { go: 'yes', items: '["a",1]' } } }, vars: {}, matrix: { n: 2 } };
    expect(isTrue(parse("tasks.plan.outputs.go == 'YES'"), ctx, () => true)).toEqual({
      ok: true,
      value: true,
    });
    expect(isTrue(parse('matrix.n > 1 && failure()'), ctx, (f) => f !== 'failure')).toEqual({
      ok: true,
      value: false,
    });
    expect(isTrue(parse('tasks.plan.outputs.missing'), ctx, () => true)).toEqual({ ok: true, value: false });
    expect(evaluate(parse('fromJSON(tasks.plan.outputs.items)'), ctx)).toEqual({ ok: true, value: ['a', 1] });
    expect(evaluate(parse("fromJSON('not json')"), ctx)).toMatchObject({ ok: false });
  });
});
