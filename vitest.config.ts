import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // vitest's default is one worker fewer than the CPUs: one on CI's 2, so the suite ran file after
    // file. Most tests wait on git, agents and servers in child processes, not on the CPU.
    maxWorkers: 3,
    // GitHub's workflow parser imports its JSON schema without an import attribute, which Node 20
    // refuses; inlined, vite's transform loads it.
    server: { deps: { inline: [/@actions\/workflow-parser/] } },
  },
});
