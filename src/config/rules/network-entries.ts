import { networkEntryProblem } from '../../isolation/network-allow.js';
import type { Rule } from './rule.js';

/** A `sandbox.network` entry the network gate could not enforce (a URL, a bad port) is refused here. */
export const networkEntries: Rule = ({ workflow }) =>
  workflow.sandbox.network.flatMap((entry, i) => {
    const problem = networkEntryProblem(entry);
    return problem === undefined
      ? []
      : [
          {
            code: 'bad-network-entry' as const,
            path: ['sandbox', 'network', i],
            message: `network entry "${entry}": ${problem}`,
            hint: 'an entry is a host name, *.domain, an IP address, host:port or "*"',
          },
        ];
  });
