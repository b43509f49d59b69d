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
 * Starts one socat per relay, waits until all of them listen (a command that connects at once must
 * not find the port closed), then execs the command, so it keeps the relays' pid, signals and exit
 * status. Each socat dies with that process (setpriv's parent-death signal, set before socat runs,
 * and the wait makes sure it is set), leaving nothing behind in a jail that shares the machine's pid
 * namespace (in a jail with its own, they die with it anyway, and setpriv is not run). IPv6 with IPv4 mapped in where the kernel has IPv6 (a client may resolve localhost to
 * ::1), IPv4 alone where it has not. Few processes: each one costs, and this runs for every process
 * of a jailed task.
 */
const RELAY_SCRIPT = `socat=$1 setpriv=$2 listening=$3 count=$4; shift 4
if [ -e /proc/net/tcp6 ]; then table=/proc/net/tcp6 listen=TCP6-LISTEN opts=ipv6only=0
else table=/proc/net/tcp listen=TCP4-LISTEN opts=bind=127.0.0.1; fi
# Pid 1 or 2: a pid namespace of its own, where everything dies with the command already.
[ $$ -le 2 ] && setpriv=
pids=
while [ "$1" != -- ]; do
  \${setpriv:+"$setpriv"} \${setpriv:+--pdeathsig} \${setpriv:+KILL} "$socat" "$listen:$1,$opts,fork,reuseaddr,backlog=4096" "UNIX-CONNECT:$2" &
  pids="$pids $!"
  shift 2
done
shift
until [ "$(grep -cE "$listening" $table)" -ge "$count" ]; do
  kill -0 $pids 2>/dev/null && continue
  kill $pids 2>/dev/null
  echo "orchestra: the network relay in the jail did not start" >&2
  exit 125
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
    // A listening socket's line in /proc/net/tcp*: local port in hex, any remote, state 0A.
    `:(${relays.map((relay) => relay.port.toString(16).toUpperCase().padStart(4, '0')).join('|')}) [0-9A-F]+:0000 0A`,
    String(relays.length),
    ...relays.flatMap((relay) => [String(relay.port), relay.socket]),
    '--',
    ...argv,
  ];
}
