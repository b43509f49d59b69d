import { describe, expect, it } from 'vitest';
import { combinations, instanceIds } from '../../src/matrix/combinations.js';

describe('combinations: GitHub Actions matrix semantics', () => {
  it('the product in key order', () => {
    expect(combinations({ os: ['a', 'b'], node: [20, 22] })).toEqual([
      { os: 'a', node: 20 },
      { os: 'a', node: 22 },
      { os: 'b', node: 20 },
      { os: 'b', node: 22 },
    ]);
  });

  it("GitHub's documented include example: added to matching combinations, else a combination of its own", () => {
    // docs.github.com "Expanding or adding matrix configurations"
    const out = combinations({ fruit: ['apple', 'pear'], animal: ['cat', 'dog'] }, [
      { color: 'green' },
      { color: 'pink', animal: 'cat' },
      { fruit: 'apple', shape: 'circle' },
      { fruit: 'banana' },
      { fruit: 'banana', animal: 'cat' },
    ]);
    expect(out).toEqual([
      { fruit: 'apple', animal: 'cat', color: 'pink', shape: 'circle' },
      { fruit: 'apple', animal: 'dog', color: 'green', shape: 'circle' },
      { fruit: 'pear', animal: 'cat', color: 'pink' },
      { fruit: 'pear', animal: 'dog', color: 'green' },
      { fruit: 'banana' },
      { fruit: 'banana', animal: 'cat' },
    ]);
  });

  it('exclude removes the combinations matching all of its pairs, before include', () => {
    const out = combinations(
      { os: ['a', 'b'], node: [20, 22] },
      [{ os: 'b', node: 20, x: 1 }],
      [{ os: 'b', node: 20 }],
    );
    expect(out).toEqual([
      { os: 'a', node: 20 },
      { os: 'a', node: 22 },
      { os: 'b', node: 22 },
      { os: 'b', node: 20, x: 1 },
    ]);
  });

  it('instance ids: values joined, lower-cased, ref-safe, unique', () => {
    expect(
      instanceIds('build', [
        { p: 'Web UI', n: 22 },
        { p: 'a/b..c', n: 1 },
        { p: 'web-ui', n: 22 },
        { p: 'x.lock' },
      ]),
    ).toEqual(['build-web-ui-22', 'build-a-b.c-1', 'build-web-ui-22-2', 'build-x-lock']);
  });
});
