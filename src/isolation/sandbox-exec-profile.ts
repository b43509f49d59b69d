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
 * `deny`, signals to processes outside the sandbox, and (unless shared) the network beyond loopback.
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
  return lines.join('\n') + '\n';
}

function quote(path: string): string {
  return JSON.stringify(path);
}
