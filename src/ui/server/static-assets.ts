import { readFile } from 'node:fs/promises';
import { packageFile } from '../../util/package-file.js';

/** The page's files, built by scripts/bundle.mjs: nothing is fetched from the network. */
export const ASSETS: Readonly<Record<string, string>> = {
  '/app.js': 'text/javascript; charset=utf-8',
  '/app.css': 'text/css; charset=utf-8',
  '/layout-worker.js': 'text/javascript; charset=utf-8',
};

/**
 * No inline script or style, nothing from elsewhere: a log line or a task name that smuggled markup
 * into the page could not run anything.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const webFile = (name: string) => packageFile(`dist/ui/web/${name}`);

/** The built front end, or why it is missing (a checkout that was not built). */
export async function asset(path: string): Promise<Buffer | undefined> {
  try {
    return await readFile(webFile(path.slice(1)));
  } catch {
    return undefined;
  }
}

/** The one page; the token is there for the page's own POSTs (the cookie is HttpOnly). */
export function indexPage(token: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<meta name="orchestra-token" content="${token}">
<title>orchestra</title>
<link rel="stylesheet" href="/app.css">
<script type="module" src="/app.js"></script>
</head>
<body>
<header class="top"><a href="#/" class="brand">orchestra</a><span id="repo"></span><span id="live" role="status" aria-live="polite"></span></header>
<main id="main" tabindex="-1"><p>Loading…</p></main>
</body>
</html>
`;
}
