/** A value or an error the caller is expected to handle: errors users can act on are values, not exceptions. */
export type Result<T, E> = { ok: true; value: T } | { ok: false; error: E };

/** Wraps a success value. */
export function ok<T>(value: T): { ok: true; value: T } {
  return { ok: true, value };
}

/** Wraps an error value. */
export function err<E>(error: E): { ok: false; error: E } {
  return { ok: false, error };
}
