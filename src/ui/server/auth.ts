import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** The header the page sends its token in with every action. */
export const TOKEN_HEADER = 'x-orchestra-token';

/** A new secret for one server start: 192 random bits. */
export function newToken(): string {
  return randomBytes(24).toString('base64url');
}

/**
 * Who may talk to one server: the holder of its token, given in the URL it printed (`?token=`), in
 * a header, or in the cookie the first page set. The cookie is named for the token (by a hash of it):
 * two servers on one host would otherwise overwrite each other's (cookies do not tell ports apart).
 */
export class Access {
  readonly cookieName: string;

  constructor(readonly token: string) {
    this.cookieName = `orchestra_ui_${createHash('sha256').update(token).digest('hex').slice(0, 12)}`;
  }

  /** `HttpOnly`: no script reads it; `SameSite=Strict`: no other site's page sends it. */
  get cookie(): string {
    return `${this.cookieName}=${this.token}; HttpOnly; SameSite=Strict; Path=/`;
  }

  matches(given: string | undefined | null): boolean {
    if (!given) return false;
    const a = Buffer.from(given);
    const b = Buffer.from(this.token);
    return a.length === b.length && timingSafeEqual(a, b);
  }

  fromCookie(req: IncomingMessage): boolean {
    for (const part of (req.headers.cookie ?? '').split(';')) {
      const eq = part.indexOf('=');
      if (eq > 0 && part.slice(0, eq).trim() === this.cookieName && this.matches(part.slice(eq + 1).trim()))
        return true;
    }
    return false;
  }

  fromHeader(req: IncomingMessage): boolean {
    const given = req.headers[TOKEN_HEADER];
    return this.matches(Array.isArray(given) ? given[0] : given);
  }
}

/**
 * Whether a state-changing request comes from this server's own page: browsers send `Origin` with
 * every POST, and another site's page cannot make it name this server.
 */
export function sameOrigin(req: IncomingMessage): boolean {
  const { origin, host } = req.headers;
  return origin !== undefined && host !== undefined && origin === `http://${host}`;
}
