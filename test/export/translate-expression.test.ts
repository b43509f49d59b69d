import { describe, expect, it } from 'vitest';
import { translateExpression } from '../../src/export/github-actions/translate-expression.js';

const names = { jobOf: (task: string) => ({ plan: 'plan', 'build.x': 'build_x' })[task] };
const text = (expr: string) => {
  const r = translateExpression(expr, names);
  return r.ok ? r.value.text : `untranslatable: ${r.error}`;
};

describe('translateExpression: orchestra conditions in GitHub terms', () => {
  it.each([
    ["${{ tasks.plan.outputs.go == 'yes' }}", "needs.plan.outputs.go == 'yes'"],
    ["tasks['build.x'].outputs['n'] != '0'", "needs.build_x.outputs.n != '0'"],
    ['vars.mode', 'inputs.mode'],
    [
      "!(vars.a == 'x' || contains(tasks.plan.outputs.list, 'y'))",
      "!(inputs.a == 'x' || contains(needs.plan.outputs.list, 'y'))",
    ],
    ['always() && fromJSON(tasks.plan.outputs.n) > 2', 'always() && fromJSON(needs.plan.outputs.n) > 2'],
  ])('%s', (from, to) => expect(text(from)).toBe(to));

  it('says what GitHub does not have', () => {
    expect(text("tasks.plan.summary != ''")).toBe(
      'untranslatable: "tasks.plan.summary" (GitHub passes a job\'s outputs only)',
    );
    expect(text("tasks.plan.status == 'failed'")).toMatch(/^untranslatable: "tasks.plan.status"/);
    expect(text("matrix.os == 'linux'")).toMatch(
      /^untranslatable: "matrix.os" \(GitHub decides a job's "if:" before its matrix\)/,
    );
    expect(text('tasks.plan.outputs[vars.x]')).toBe('untranslatable: a computed index');
    expect(text('tasks.other.outputs.x')).toMatch(/^untranslatable/);
  });

  it('lists the outputs it reads and whether it calls a status function', () => {
    const r = translateExpression("failure() || tasks.plan.outputs.go == 'yes'", names);
    expect(r.ok && r.value).toEqual({
      text: "failure() || needs.plan.outputs.go == 'yes'",
      reads: [{ task: 'plan', output: 'go' }],
      status: true,
    });
  });
});
