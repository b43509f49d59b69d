import { describe, expect, it } from 'vitest';
import type { IntegrationRecord } from '../../src/state/run-state.js';
import { resultBranches } from '../../src/ui/web/result-branches.js';

const made = (branch: string): IntegrationRecord => ({ status: 'succeeded', branch, tasks: [], gates: [] });

describe("the run page's result branches", () => {
  it("names each repository's result branch, not only the workflow's own", () => {
    const failed: IntegrationRecord = { status: 'failed', branch: 'orchestra/r1', tasks: [], gates: [] };
    expect(resultBranches({ integration: made('orchestra/r1') })).toEqual(['orchestra/r1']);
    const repos = {
      lib: { integration: made('orchestra/r1') },
      web: { integration: failed },
    } as unknown as NonNullable<Parameters<typeof resultBranches>[0]['repos']>;
    expect(resultBranches({ integration: made('orchestra/r1'), repos })).toEqual([
      'orchestra/r1',
      'lib: orchestra/r1',
    ]);
    expect(resultBranches({ integration: failed, repos })).toEqual(['lib: orchestra/r1']);
  });
});
