import { data, Evaluator, Lexer, Parser } from '@actions/expressions';
import type { Expr } from '@actions/expressions';
import {
  Binary,
  ContextAccess,
  FunctionCall,
  Grouping,
  IndexAccess,
  Literal,
  Logical,
  Unary,
} from '@actions/expressions/ast';
import type { FunctionDefinition } from '@actions/expressions/funcs/info';
import { truthy } from '@actions/expressions/result';
import type { Result } from '../util/result.js';
import { err, ok } from '../util/result.js';

/** The contexts an orchestra expression may read (GitHub's `needs` is `tasks` here). */
export const CONTEXTS = ['vars', 'tasks', 'matrix'] as const;

/** GitHub's status functions for jobs; what they return is the scheduler's to say. */
export const STATUS_FUNCTIONS = ['success', 'failure', 'always'] as const;
export type StatusFunction = (typeof STATUS_FUNCTIONS)[number];

/** A parsed expression with the text it came from. */
export interface Expression {
  readonly source: string;
  readonly ast: Expr;
}

/**
 * The expression inside `${{ … }}`, or the whole text when it is not wrapped (GitHub accepts both
 * in `if:`).
 */
export function unwrap(text: string): string {
  const m = /^\s*\$\{\{([\s\S]*)\}\}\s*$/.exec(text);
  return (m ? m[1]! : text).trim();
}

/** Parses with GitHub's own lexer and parser; a syntax error or unknown function is a message. */
export function parseExpression(text: string): Result<Expression, string> {
  const source = unwrap(text);
  if (source === '') return err('empty expression');
  try {
    const { tokens } = new Lexer(source).lex();
    const ast = new Parser(
      tokens,
      [...CONTEXTS],
      statusFunctions(() => false),
    ).parse();
    return ok({ source, ast });
  } catch (e) {
    return err(e instanceof Error ? e.message : String(e));
  }
}

/**
 * Every context access with the names it reads, as far as they are literal: `tasks.plan.outputs.n`
 * is `['tasks', 'plan', 'outputs', 'n']`; `tasks[vars.x]` stops at `['tasks']`.
 */
export function contextPaths(expr: Expr): string[][] {
  const out: string[][] = [];
  const walk = (e: Expr): void => {
    const chain = accessChain(e);
    if (chain) {
      out.push(chain.path);
      chain.dynamic.forEach(walk);
      return;
    }
    for (const child of children(e)) walk(child);
  };
  walk(expr);
  return out;
}

/** The functions an expression calls, lower-cased. */
export function calledFunctions(expr: Expr): Set<string> {
  const out = new Set<string>();
  const walk = (e: Expr): void => {
    if (e instanceof FunctionCall) out.add(e.functionName.lexeme.toLowerCase());
    children(e).forEach(walk);
  };
  walk(expr);
  return out;
}

/** What an expression reads: plain JSON-like values under each context name. */
export type ExpressionContext = Readonly<Record<string, unknown>>;

/**
 * Evaluates to GitHub's value (a JS value: string, number, boolean, null, array, object); an error
 * while evaluating (fromJSON of something that is not JSON) is a message.
 */
export function evaluate(
  expression: Expression,
  context: ExpressionContext,
  status: (fn: StatusFunction) => boolean = () => true,
): Result<unknown, string> {
  const result = evaluateData(expression, context, status);
  return result.ok ? ok(JSON.parse(JSON.stringify(result.value, data.replacer)) as unknown) : result;
}

/** Whether the expression is true by GitHub's truthiness. */
export function isTrue(
  expression: Expression,
  context: ExpressionContext,
  status: (fn: StatusFunction) => boolean,
): Result<boolean, string> {
  const result = evaluateData(expression, context, status);
  return result.ok ? ok(truthy(result.value)) : result;
}

function evaluateData(
  expression: Expression,
  context: ExpressionContext,
  status: (fn: StatusFunction) => boolean,
): Result<data.ExpressionData, string> {
  const fns = statusFunctions(status);
  const dictionary = JSON.parse(JSON.stringify(context), data.reviver) as data.Dictionary;
  try {
    const evaluator = new Evaluator(expression.ast, dictionary, new Map(fns.map((f) => [f.name, f])));
    return ok(evaluator.evaluate());
  } catch (e) {
    return err(e instanceof Error ? e.message : String(e));
  }
}

function statusFunctions(status: (fn: StatusFunction) => boolean): FunctionDefinition[] {
  return STATUS_FUNCTIONS.map((name) => ({
    name,
    minArgs: 0,
    maxArgs: 0,
    call: () => new data.BooleanData(status(name)),
  }));
}

/** A context access `a.b['c']` as its literal names, and the index expressions that are not literal. */
function accessChain(e: Expr): { path: string[]; dynamic: Expr[] } | undefined {
  if (e instanceof ContextAccess) return { path: [e.name.lexeme], dynamic: [] };
  if (!(e instanceof IndexAccess)) return undefined;
  const inner = accessChain(e.expr);
  if (!inner) return undefined;
  const index = e.index;
  const literal = index instanceof Literal && index.literal.kind === data.Kind.String;
  // Past a computed index nothing more is known by name.
  if (literal && inner.dynamic.length === 0) inner.path.push(index.literal.coerceString());
  else if (!literal) inner.dynamic.push(index);
  return inner;
}

function children(e: Expr): Expr[] {
  if (e instanceof Unary) return [e.expr];
  if (e instanceof Binary) return [e.left, e.right];
  if (e instanceof Logical) return e.args;
  if (e instanceof Grouping) return [e.group];
  if (e instanceof FunctionCall) return e.args;
  if (e instanceof IndexAccess) return [e.expr, e.index];
  return [];
}
