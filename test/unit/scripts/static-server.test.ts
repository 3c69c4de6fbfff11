import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { safeJoin, startStaticServer, type StaticServer } from '../../../scripts/lib/static-server.mjs';

let server: StaticServer;
const root = mkdtempSync(join(tmpdir(), 'loupe-static-'));
beforeAll(async () => {
  writeFileSync(join(root, 'board.html'), '<title>b</title>');
  server = await startStaticServer({ mounts: { '/': root } });
});
afterAll(() => server.close());

describe('static server (snapshot of a local file)', () => {
  it('serves the file with its type, and 404s outside the folder', async () => {
    const ok = await fetch(`${server.url}/board.html`);
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toMatch(/text\/html/);
    expect((await fetch(`${server.url}/..%2f..%2fetc%2fpasswd`)).status).toBe(404);
    expect(safeJoin(root, '/../../etc/passwd')).not.toBe('/etc/passwd');
  });

  it('answers a malformed URL with 404 and keeps serving', async () => {
    expect((await fetch(`${server.url}/%E0%A4%A`)).status).toBe(404);
    expect((await fetch(`${server.url}/board.html`)).status).toBe(200);
  });

  it('listens on loopback only', () => {
    expect(new URL(server.url).hostname).toBe('127.0.0.1');
  });
});
