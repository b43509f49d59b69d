/**
 * What an isolated task may reach on the network. This minimal gate knows two states: open (`"*"` in
 * `allow`: the jail shares the host's network) and closed (a network namespace of its own with nothing
 * reachable). The allowlist proxy replaces it with the same interface.
 */
export interface NetworkGate {
  /** Extra bwrap args (e.g. binds of a unix socket); [] when the net is open. */
  bwrapArgs: string[];
  /** Environment for processes inside the jail (proxy variables). */
  env: Record<string, string>;
  /** argv run inside the jail (may prefix an in-jail forwarder); identity when open. */
  wrapInner(argv: string[]): string[];
  /** true: do not pass --unshare-net (network: ["*"]). */
  shareNet: boolean;
  close(): Promise<void>;
}

export function openNetworkGate(options: {
  allow: readonly string[];
  stateDir: string;
}): Promise<NetworkGate> {
  return Promise.resolve({
    bwrapArgs: [],
    env: {},
    wrapInner: (argv) => argv,
    shareNet: options.allow.includes('*'),
    close: () => Promise.resolve(),
  });
}
