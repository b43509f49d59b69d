/** Exhaustiveness check for closed unions: a new member fails to compile until it is handled. */
export function assertNever(value: never): never {
  throw new Error(`unexpected value: ${JSON.stringify(value)}`);
}
