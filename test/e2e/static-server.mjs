/**
 * A tiny static file server for the production build, the way a static host serves it:
 * files as they are, and app.html (the app without a prerendered page; index.html when there is
 * none, or with `fallback: 'index.html'`) for app routes (paths without a file extension) that
 * are not files. Missing files with an extension (a feed JSON, an asset) stay 404s, so the app's
 * own not-found handling is what the tests see.
 */
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';
import { URL } from 'node:url';
import { gzipSync } from 'node:zlib';

const CONTENT_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
  '.xml': 'application/xml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
};

/** Types a static host would compress. */
const COMPRESSIBLE = /^(text\/|application\/(json|manifest\+json|xml)|image\/svg)/;

async function fileAt(path) {
  try {
    const info = await stat(path);
    return info.isFile() ? { path, size: info.size } : null;
  } catch {
    return null;
  }
}

/** Which file answers `pathname`, or null for a 404. */
async function resolveFile(root, pathname, fallback) {
  let decoded;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  const target = resolve(root, `.${decoded}`);
  if (target !== root && !target.startsWith(root + sep)) return null;
  const direct = (await fileAt(target)) ?? (await fileAt(join(target, 'index.html')));
  if (direct) return direct;
  const lastSegment = decoded.slice(decoded.lastIndexOf('/') + 1);
  if (lastSegment.includes('.')) return null;
  return (fallback === 'app.html' ? await fileAt(join(root, 'app.html')) : null) ?? fileAt(join(root, 'index.html'));
}

/**
 * Serves `rootDir` on 127.0.0.1 (a free port unless `port` is given). With `gzip`, text
 * responses are gzip-encoded when the client accepts it, as a CDN would (for Lighthouse).
 * `fallback: 'index.html'` answers app routes as a host configured for index.html would.
 * Resolves to `{ url, close }`; `url` ends with a slash.
 */
export async function serveStatic(rootDir, { port = 0, gzip = false, fallback = 'app.html' } = {}) {
  const root = resolve(rootDir);
  const gzipped = new Map();
  const server = createServer(async (request, response) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { Allow: 'GET, HEAD' }).end();
      return;
    }
    const { pathname } = new URL(request.url ?? '/', 'http://127.0.0.1');
    const file = await resolveFile(root, pathname, fallback);
    if (!file) {
      response.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found');
      return;
    }
    const contentType = CONTENT_TYPES[extname(file.path).toLowerCase()] ?? 'application/octet-stream';
    const headers = { 'Content-Type': contentType, 'Cache-Control': 'no-cache', 'X-Content-Type-Options': 'nosniff' };
    if (gzip && COMPRESSIBLE.test(contentType) && /\bgzip\b/.test(request.headers['accept-encoding'] ?? '')) {
      if (!gzipped.has(file.path)) gzipped.set(file.path, gzipSync(await readFile(file.path)));
      const body = gzipped.get(file.path);
      response.writeHead(200, {
        ...headers,
        'Content-Encoding': 'gzip',
        Vary: 'Accept-Encoding',
        'Content-Length': body.length,
      });
      response.end(request.method === 'HEAD' ? undefined : body);
      return;
    }
    response.writeHead(200, { ...headers, 'Content-Length': file.size });
    if (request.method === 'HEAD') {
      response.end();
      return;
    }
    createReadStream(file.path).pipe(response);
  });
  await new Promise((done, fail) => {
    server.once('error', fail);
    server.listen(port, '127.0.0.1', () => done(undefined));
  });
  const address = server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : port}/`;
  const close = () =>
    new Promise((done) => {
      server.closeAllConnections();
      server.close(() => done(undefined));
    });
  return { url, close };
}
