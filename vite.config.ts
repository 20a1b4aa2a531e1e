import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // fast-check properties and CLI subprocesses take longer than the 5 s default on a busy machine.
    testTimeout: 60_000,
  },
});
