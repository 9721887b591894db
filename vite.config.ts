import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  plugins: [react()],
  build: {
    target: 'es2022',
    // The builder is Node-only; the app bundle must never reach into it.
    rollupOptions: { input: 'index.html' },
  },
  test: {
    environment: 'jsdom',
    setupFiles: ['test/setup.ts'],
    include: ['src/**/*.test.{ts,tsx}', 'test/**/*.test.{ts,tsx}'],
    exclude: ['test/e2e/**', 'node_modules/**'],
    // The machine has two cores; more workers only thrash.
    maxWorkers: 2,
    testTimeout: 20_000,
  },
});
