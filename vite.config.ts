import { defineConfig } from 'vitest/config';

// `npm start` serves the production build on this port; PORT or `npm start -- --port N` changes it.
const port = Number(process.env.PORT) || 4173;

export default defineConfig({
  // Relative asset paths, so dist/ works from any static file server and any sub-path.
  base: './',
  build: { target: 'es2022' },
  server: { port, host: '127.0.0.1' },
  preview: { port, host: '127.0.0.1', strictPort: true },
  test: {
    // fast-check properties, CLI subprocesses and browser tests take longer than the 5 s default on a busy machine.
    testTimeout: 60_000,
    hookTimeout: 120_000,
    projects: [
      { extends: true, test: { name: 'unit', include: ['tests/**/*.test.ts'], exclude: ['tests/e2e/**'] } },
      {
        extends: true,
        test: {
          name: 'browser',
          include: ['tests/e2e/**/*.test.ts'],
          // One production build and one static server for all browser tests.
          globalSetup: ['tests/e2e/global-setup.ts'],
          fileParallelism: false,
        },
      },
    ],
  },
});
