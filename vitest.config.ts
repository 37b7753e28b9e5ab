import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  plugins: [react()],
  test: {
    include: ['{shared,db,cli,electron,renderer,scripts,bench}/**/*.test.{ts,tsx}'],
    // Node by default; renderer tests opt into jsdom with a `@vitest-environment jsdom` docblock.
    environment: 'node',
    pool: 'forks',
    testTimeout: 30_000,
    setupFiles: ['./renderer/test-setup.ts'],
  },
});
