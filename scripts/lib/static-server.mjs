// A small static file server on loopback: the snapshot command serves a local file through it (an
// extension cannot read file:// pages without a switch the user must flip), and the fixture server
// builds on it.
import { createServer } from 'node:http';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { extname, join, normalize, resolve, sep } from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.json': 'application/json; charset=utf-8', '.svg': 'image/svg+xml',
  '.png': 'image/png', '.jpg': 'image/jpeg', '.csv': 'text/csv; charset=utf-8', '.map': 'application/json',
  '.woff2': 'font/woff2', '.txt': 'text/plain; charset=utf-8', '.ico': 'image/x-icon',
};

/** Resolves a URL path inside `root`, or null when it would escape it. */
export function safeJoin(root, urlPath) {
  let decoded;
  try { decoded = decodeURIComponent(urlPath); } catch { return null; } // "/%E0%A4%A" must not crash the server
  if (decoded.includes('\0')) return null;
  const rel = normalize(decoded).replace(/^([/\\])+/, '');
  const full = resolve(root, rel);
  return full === resolve(root) || full.startsWith(resolve(root) + sep) ? full : null;
}

/**
 * Starts a server. `mounts` maps URL prefixes to folders, longest prefix first:
 * { '/': '/path/site', '/vendor/chart.js/': '/path/node_modules/chart.js/' }.
 */
export function startStaticServer({ mounts, port = 0, host = '127.0.0.1' }) {
  const prefixes = Object.keys(mounts).sort((a, b) => b.length - a.length);
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const prefix = prefixes.find((p) => path.startsWith(p));
    let file = prefix ? safeJoin(mounts[prefix], path.slice(prefix.length)) : null;
    if (file && existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    if (!file || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
    createReadStream(file).pipe(res);
  });
  return new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(port, host, () => {
      const { port: actual } = server.address();
      // close() also ends kept-alive browser connections, or it would wait for the browser to drop them.
      const close = () => new Promise((done) => { server.close(() => done()); server.closeAllConnections(); });
      ok({ url: `http://${host}:${actual}`, port: actual, close });
    });
  });
}
