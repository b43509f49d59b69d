import { findProgram } from '../doctor/find-program.js';

/** The programs the in-jail relay runs (Debian/Ubuntu packages socat and util-linux). */
export interface RelayTools {
  readonly socat: string;
  readonly setpriv: string;
}

/** One TCP port on the jail's loopback whose connections go to a unix socket bound in from outside. */
export interface Relay {
  readonly port: number;
  readonly socket: string;
}

/** The relay's programs, or what to install when one is missing. */
export function findRelayTools(env: NodeJS.ProcessEnv = process.env): RelayTools | string {
  const socat = findProgram('socat', '/', env);
  const setpriv = findProgram('setpriv', '/', env);
  if (socat === undefined) return 'socat is not installed (Debian/Ubuntu: apt-get install socat)';
  if (setpriv === undefined) return 'setpriv is not installed (Debian/Ubuntu: apt-get install util-linux)';
  return { socat, setpriv };
}

/**
 * Starts one socat per relay, waits until each listens (a command that connects at once must not
 * find the port closed), then execs `argv`, so the command keeps the relays' pid, signals and exit
 * status. Each socat dies with that process (setpriv's parent-death signal), leaving nothing behind
 * in a jail that shares the machine's pid namespace. IPv6 with IPv4 mapped in where the jail's
 * loopback has ::1 (a client may resolve localhost to either), IPv4 alone where it has not.
 */
const RELAY_SCRIPT = `socat=$1 setpriv=$2; shift 2
if grep -qs ' lo$' /proc/net/if_inet6; then listen=TCP6-LISTEN opts=ipv6only=0; else listen=TCP4-LISTEN opts=bind=127.0.0.1; fi
pids= ports=
while [ "$1" != -- ]; do
  "$setpriv" --pdeathsig KILL "$socat" "$listen:$1,$opts,fork,reuseaddr,backlog=4096" "UNIX-CONNECT:$2" &
  pids="$pids $!" ports="$ports $(printf %04X "$1")"
  shift 2
done
shift
for port in $ports; do
  until grep -qs ":$port [0-9A-F]*:0000 0A" /proc/net/tcp6 /proc/net/tcp; do
    kill -0 $pids 2>/dev/null || { echo "orchestra: the network relay in the jail did not start" >&2; exit 125; }
  done
done
exec "$@"`;

/** The argv that runs `argv` inside the jail behind `relays`. */
export function relayArgv(tools: RelayTools, relays: readonly Relay[], argv: readonly string[]): string[] {
  return [
    '/bin/sh',
    '-c',
    RELAY_SCRIPT,
    'orchestra-net',
    tools.socat,
    tools.setpriv,
    ...relays.flatMap((relay) => [String(relay.port), relay.socket]),
    '--',
    ...argv,
  ];
}
