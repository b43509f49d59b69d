import type { CST } from 'yaml';

/**
 * How deep collections may nest. A workflow needs a handful of levels; the yaml library's composer
 * recurses once per level and runs out of stack somewhere between 500 and 1,000 of them, at a place
 * that says nothing about the file.
 */
export const MAX_NESTING = 100;

/** Every token of a parsed YAML text with its collection depth, in document order, without recursion. */
function* tokensWithDepth(tokens: readonly CST.Token[]): Generator<[CST.Token, number]> {
  const stack: [CST.Token, number][] = tokens.map((t): [CST.Token, number] => [t, 0]).reverse();
  for (let next = stack.pop(); next; next = stack.pop()) {
    const [token, depth] = next;
    yield next;
    const inner = 'items' in token ? depth + 1 : depth;
    const children: CST.Token[] = [];
    if (token.type === 'document' && token.value) children.push(token.value);
    if ('items' in token)
      for (const item of token.items) {
        if ('key' in item && item.key) children.push(item.key);
        if (item.value) children.push(item.value);
      }
    for (let i = children.length - 1; i >= 0; i--) stack.push([children[i]!, inner]);
  }
}

/** The offset of the first collection nested more than MAX_NESTING levels deep, if any. */
export function tooDeep(tokens: readonly CST.Token[]): number | undefined {
  for (const [token, depth] of tokensWithDepth(tokens)) {
    if ('items' in token && depth >= MAX_NESTING) return token.offset;
  }
  return undefined;
}

/** The quoted value that holds `offset`: where a quote the parser found unclosed was opened. */
export function quotedValueAt(tokens: readonly CST.Token[], offset: number): CST.FlowScalar | undefined {
  for (const [token] of tokensWithDepth(tokens)) {
    if (
      (token.type === 'double-quoted-scalar' || token.type === 'single-quoted-scalar') &&
      token.offset <= offset &&
      offset <= token.offset + token.source.length
    )
      return token;
  }
  return undefined;
}
