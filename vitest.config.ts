import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // GitHub's workflow parser imports its JSON schema without an import attribute, which Node 20
    // refuses; inlined, vite's transform loads it.
    server: { deps: { inline: [/@actions\/workflow-parser/] } },
  },
});
