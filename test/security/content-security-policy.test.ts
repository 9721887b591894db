// @vitest-environment node
/**
 * The built app's Content-Security-Policy, read from the Vite plugin that writes it into
 * index.html and the static hosts' `_headers` file, so the test sees exactly what ships.
 */
import type { Plugin, UserConfig } from 'vite';
import { describe, expect, it } from 'vitest';
import viteConfig from '../../vite.config';

const EMBED_ORIGINS = ['https://www.youtube-nocookie.com', 'https://player.vimeo.com'];

function securityPlugin(): Plugin {
  const plugins = ((viteConfig as UserConfig).plugins ?? []).flat() as Plugin[];
  const plugin = plugins.find((candidate) => candidate?.name === 'newsstand-security-headers');
  if (!plugin) throw new Error('vite.config.ts has no newsstand-security-headers plugin');
  return plugin;
}

/** The policy of the `<meta http-equiv="Content-Security-Policy">` tag the build injects. */
function metaPolicy(): string {
  const hook = securityPlugin().transformIndexHtml;
  const transform = typeof hook === 'function' ? hook : hook && 'handler' in hook ? hook.handler : null;
  if (!transform) throw new Error('the plugin does not transform index.html');
  const tags = (transform as () => unknown)() as { tag: string; attrs: Record<string, string> }[];
  const meta = tags.find((tag) => tag.tag === 'meta' && tag.attrs['http-equiv'] === 'Content-Security-Policy');
  if (!meta) throw new Error('no Content-Security-Policy meta tag');
  return meta.attrs.content!;
}

/** The `_headers` file the build emits for static hosts. */
function headersFile(): string {
  const hook = securityPlugin().generateBundle;
  const generate = typeof hook === 'function' ? hook : hook?.handler;
  const files: { fileName: string; source: string }[] = [];
  (generate as (this: unknown) => void).call({
    emitFile: (file: { fileName: string; source: string }) => files.push(file),
  });
  const file = files.find((candidate) => candidate.fileName === '_headers');
  if (!file) throw new Error('no _headers file emitted');
  return file.source;
}

function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy
      .split(';')
      .map((part) => part.trim().split(/\s+/))
      .filter(([name]) => name)
      .map(([name, ...values]) => [name!.toLowerCase(), values]),
  );
}

function expectStrict(policy: string) {
  const csp = directives(policy);
  expect(csp.get('default-src')).toEqual(["'self'"]);
  expect(csp.get('script-src')).toEqual(["'self'"]);
  expect(csp.get('object-src')).toEqual(["'none'"]);
  expect(csp.get('base-uri')).toEqual(["'self'"]);
  expect(csp.get('img-src')).toContain('https:');
  expect(csp.get('img-src')).not.toContain('*');
  expect(csp.get('img-src')).not.toContain('data:');
  expect([...(csp.get('frame-src') ?? [])].sort()).toEqual([...EMBED_ORIGINS].sort());
  for (const [name, values] of csp) {
    for (const unsafe of ["'unsafe-inline'", "'unsafe-eval'", "'unsafe-hashes'", "'wasm-unsafe-eval'", 'data:', '*']) {
      if (name !== 'img-src' || unsafe !== 'data:') expect(values, `${name} allows ${unsafe}`).not.toContain(unsafe);
    }
  }
}

describe('the Content-Security-Policy', () => {
  it('in the index.html meta tag is strict: own scripts only, https images, the two video players', () => {
    expectStrict(metaPolicy());
  });

  it('in the _headers file is the same policy, and forbids framing the app', () => {
    const line = headersFile()
      .split('\n')
      .find((candidate) => candidate.trim().startsWith('Content-Security-Policy:'));
    expect(line).toBeDefined();
    const policy = line!.trim().slice('Content-Security-Policy:'.length).trim();
    expectStrict(policy);
    expect(directives(policy).get('frame-ancestors')).toEqual(["'none'"]);
    expect(policy.startsWith(metaPolicy())).toBe(true);
  });
});
