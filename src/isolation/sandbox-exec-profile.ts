/** What a macOS `sandbox-exec` profile allows, in host paths. */
export interface ProfileLayout {
  /** Folders the task may write (sandbox, private temporary folder, agent state, `write`). */
  writable: readonly string[];
  /** Paths it may not read. */
  deny: readonly string[];
  /** Any host (network: ["*"]); otherwise only loopback, where a gate's proxy listens. */
  shareNet: boolean;
}

/**
 * A Seatbelt profile for `sandbox-exec -p`: everything allowed but writes outside `writable`, reads of
 * `deny`, signals to processes outside the sandbox, (unless shared) the network beyond loopback, and
 * connecting to a unix socket outside `writable` (the Docker socket, an ssh-agent), but the resolver's.
 * Later rules win in Seatbelt, so the denials come after the allowances they narrow.
 */
export function sandboxExecProfile(layout: ProfileLayout): string {
  const lines = ['(version 1)', '(allow default)', '(deny file-write*)'];
  const writable = ['/dev/null', '/dev/tty', '/dev/dtracehelper'].map((p) => `(literal ${quote(p)})`);
  writable.push(...layout.writable.map((p) => `(subpath ${quote(p)})`));
  lines.push(`(allow file-write* ${writable.join(' ')})`);
  if (layout.deny.length)
    lines.push(`(deny file-read* file-write* ${layout.deny.map((p) => `(subpath ${quote(p)})`).join(' ')})`);
  lines.push('(deny signal)', '(allow signal (target same-sandbox))');
  if (!layout.shareNet)
    lines.push('(deny network*)', '(allow network* (remote ip "localhost:*") (remote unix-socket))');
  const sockets = ['/private/var/run/mDNSResponder'].map(
    (p) => `(remote unix-socket (path-literal ${quote(p)}))`,
  );
  sockets.push(...layout.writable.map((p) => `(remote unix-socket (path-regex #"^${regexEscape(p)}(/|$)"))`));
  lines.push('(deny network-outbound (remote unix-socket))', `(allow network-outbound ${sockets.join(' ')})`);
  return lines.join('\n') + '\n';
}

function quote(path: string): string {
  return JSON.stringify(path);
}

function regexEscape(path: string): string {
  return path.replace(/[\\^$.*+?()[\]{}|"]/g, '\\$&');
}
