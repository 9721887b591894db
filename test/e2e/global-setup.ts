import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';
import { serveStatic } from './static-server.mjs';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Where the production build is served, with a trailing slash. */
    baseUrl: string;
  }
}

/** Serves dist/ on 127.0.0.1 for the whole run; nothing else is started here. */
export default async function setup(project: TestProject) {
  const distDir = process.env.E2E_DIST ?? fileURLToPath(new URL('../../dist', import.meta.url));
  if (!existsSync(`${distDir}/index.html`)) {
    throw new Error(
      `${distDir}/index.html is missing: run the browser tests with \`npm run test:e2e\` (it builds first).`,
    );
  }
  const server = await serveStatic(distDir);
  project.provide('baseUrl', server.url);
  return () => server.close();
}
