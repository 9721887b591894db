export interface StaticServer {
  /** The server's origin with a trailing slash, e.g. `http://127.0.0.1:40123/`. */
  url: string;
  close(): Promise<void>;
}
export declare function serveStatic(
  rootDir: string,
  options?: { port?: number; gzip?: boolean; fallback?: 'app.html' | 'index.html' },
): Promise<StaticServer>;
