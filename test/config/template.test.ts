import { describe, expect, it } from 'vitest';
import { literal, parseTemplate, renderTemplate, templateRefs } from '../../src/config/template.js';

describe('parseTemplate', () => {
  it('splits literal text and references, trimming expressions but keeping the raw text', () => {
    const { template, errors } = parseTemplate('Implement ${{ vars.spec }}. Said: ${{tasks.a-b.summary}}!');
    expect(errors).toEqual([]);
    expect(template.source).toBe('Implement ${{ vars.spec }}. Said: ${{tasks.a-b.summary}}!');
    expect(template.parts).toEqual([
      'Implement ',
      { expr: 'vars.spec', raw: '${{ vars.spec }}' },
      '. Said: ',
      { expr: 'tasks.a-b.summary', raw: '${{tasks.a-b.summary}}' },
      '!',
    ]);
  });

  it('reads references at the very start and end, and adjacent ones', () => {
    const { template, errors } = parseTemplate('${{ run.id }}${{ task.id }}');
    expect(errors).toEqual([]);
    expect(template.parts).toEqual([
      { expr: 'run.id', raw: '${{ run.id }}' },
      { expr: 'task.id', raw: '${{ task.id }}' },
    ]);
  });

  it('accepts task ids with dots in tasks.<id>.<field>', () => {
    const { template, errors } = parseTemplate('${{ tasks.v1.2.commit }}');
    expect(errors).toEqual([]);
    expect(templateRefs(template)).toEqual([{ expr: 'tasks.v1.2.commit', raw: '${{ tasks.v1.2.commit }}' }]);
  });

  it('leaves text without references whole, and "$", "{{" and "}}" alone are literal', () => {
    for (const s of ['plain text', 'cost: $5 {{ not a ref }} }}', '${ vars.x }', '']) {
      const { template, errors } = parseTemplate(s);
      expect(errors).toEqual([]);
      expect(template.parts).toEqual(s ? [s] : []);
      expect(templateRefs(template)).toEqual([]);
    }
  });

  it('reports an unterminated reference with the text that starts it', () => {
    const { template, errors } = parseTemplate('a ${{ vars.spec and more text here');
    expect(errors).toEqual([
      { raw: '${{ vars.spec and mo', message: 'unterminated "${{": add the closing "}}"' },
    ]);
    expect(template.parts).toEqual(['a ', '${{ vars.spec and more text here']);
  });

  it('reports empty and unreadable expressions and keeps them as literal text', () => {
    const { template, errors } = parseTemplate('${{ }} ${{ vars.x | upper }} ${{ 1abc }} ${{ vars.ok }}');
    expect(errors).toEqual([
      { raw: '${{ }}', message: 'empty "${{ }}" expression' },
      { raw: '${{ vars.x | upper }}', message: 'cannot read the expression "vars.x | upper"' },
      { raw: '${{ 1abc }}', message: 'cannot read the expression "1abc"' },
    ]);
    expect(templateRefs(template)).toEqual([{ expr: 'vars.ok', raw: '${{ vars.ok }}' }]);
  });
});

describe('renderTemplate', () => {
  const values = (v: Record<string, string>) => (expr: string) => v[expr];

  it('substitutes every reference and keeps the literal text', () => {
    const { template } = parseTemplate(
      'git diff ${{ tasks.a.commit }}..${{ tasks.b.commit }} # ${{ run.id }}',
    );
    expect(
      renderTemplate(template, values({ 'tasks.a.commit': 'abc', 'tasks.b.commit': 'def', 'run.id': 'r1' })),
    ).toBe('git diff abc..def # r1');
  });

  it('does not re-read substituted values as templates', () => {
    const { template } = parseTemplate('say ${{ verify.output }}');
    expect(renderTemplate(template, values({ 'verify.output': '${{ vars.secret }}' }))).toBe(
      'say ${{ vars.secret }}',
    );
  });

  it('throws on a reference without a value: validation should have caught it, so it is a bug', () => {
    const { template } = parseTemplate('${{ vars.missing }}');
    expect(() => renderTemplate(template, values({}))).toThrow(
      'template reference vars.missing has no value',
    );
  });

  it('renders a literal as itself', () => {
    expect(renderTemplate(literal('no refs ${{ here'), values({}))).toBe('no refs ${{ here');
    expect(literal('').parts).toEqual([]);
    expect(templateRefs(literal('${{ vars.x }}'))).toEqual([]);
  });
});
