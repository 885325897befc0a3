import { defineConfig } from 'vitest/config';

// Browser tests drive the built extension: .output/chrome-mv3 in Chromium,
// .output/firefox-mv3 in Firefox (firefox.e2e.ts).
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    fileParallelism: false,
  },
});
