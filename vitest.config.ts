import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

export default defineConfig({
  plugins: [WxtVitest()],
  test: {
    include: ['test/unit/**/*.test.ts', 'test/unit/**/*.test.tsx', 'test/injection/**/*.test.ts'],
    // DOM-reading tests opt in with `// @vitest-environment jsdom` at the top of the file.
    environment: 'node',
    testTimeout: 20_000,
  },
});
