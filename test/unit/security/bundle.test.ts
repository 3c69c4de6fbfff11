import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The store build, built once into a temporary folder with WXT's own build() (so a local .output is
// never trusted or overwritten): what it asks for at install, and what code it can run.

let dir = '';
let out = '';
let manifest: Record<string, unknown> = {};
const files: Array<{ name: string; text: string }> = [];

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'loupe-store-build-'));
  const script = `import('wxt').then(async (w) => { const quiet = () => undefined;
    await w.build({ outDir: ${JSON.stringify(dir)}, logger: { ...console, info: quiet, success: quiet, log: quiet, debug: quiet, warn: quiet } }); })`;
  execFileSync(process.execPath, ['-e', script], { cwd: process.cwd(), stdio: 'pipe', timeout: 170_000 });
  out = join(dir, 'chrome-mv3');
  manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as Record<string, unknown>;
  const walk = (d: string): void => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.(js|html)$/.test(name)) files.push({ name: p.slice(out.length + 1), text: readFileSync(p, 'utf8') });
    }
  };
  walk(out);
}, 180_000);

afterAll(() => { if (dir) rmSync(dir, { recursive: true, force: true }); });

describe('store manifest: nothing broad at install', () => {
  it('asks for no site at install, only optional host permissions', () => {
    expect(manifest.host_permissions).toBeUndefined();
    expect(manifest.optional_host_permissions).toEqual(['*://*/*']);
    expect(manifest.permissions).toEqual(['storage', 'activeTab', 'scripting', 'sidePanel']);
  });

  it('declares no content scripts, web-accessible resources or external connections', () => {
    expect(manifest.content_scripts).toBeUndefined();
    expect(manifest.web_accessible_resources).toBeUndefined();
    expect(manifest.externally_connectable).toBeUndefined();
    expect(JSON.stringify(manifest)).not.toContain('<all_urls>');
  });

  it('has a strict CSP: scripts and objects from the extension only, no remote images', () => {
    const csp = (manifest.content_security_policy as { extension_pages: string }).extension_pages;
    const rules = Object.fromEntries(csp.split(';').map((r) => r.trim().split(/\s+/)).map(([k, ...v]) => [k, v]));
    expect(rules['script-src']).toEqual(["'self'"]);
    expect(rules['object-src']).toEqual(["'self'"]);
    expect(rules['img-src'].every((s: string) => ["'self'", 'data:', 'blob:'].includes(s))).toBe(true);
    expect(csp).not.toMatch(/unsafe-eval|unsafe-inline|https?:/);
  });
});

describe('store bundle: no remote or string-built code', () => {
  it('built every entrypoint', () => {
    expect(files.map((f) => f.name)).toEqual(expect.arrayContaining(['background.js', 'sidepanel.html', 'reader-main.js', 'reader-dom.js', 'step-runner.js']));
  });

  it('calls no eval, builds no Function from a literal, imports no script by URL', () => {
    for (const f of files) {
      expect(f.text, f.name).not.toMatch(/(?<![\w$.])eval\s*\(/);
      expect(f.text, f.name).not.toMatch(/new\s+Function\s*\(/);
      expect(f.text, f.name).not.toMatch(/importScripts\s*\(/);
      expect(f.text, f.name).not.toMatch(/import\s*\(\s*["'`]https?:/);
      expect(f.text, f.name).not.toMatch(/<script[^>]+src=["']?(https?:)?\/\//);
    }
  });

  it('every bundle that carries zod turns its code compiler off (lib/no-eval.ts)', () => {
    const withZod = files.filter((f) => f.text.includes('__zod_globalConfig'));
    expect(withZod.length).toBeGreaterThan(0);
    for (const f of withZod) expect(f.text, f.name).toMatch(/jitless\s*:\s*(!0|true)/);
  });

  it('the panel page loads only its own scripts', () => {
    const html = files.find((f) => f.name === 'sidepanel.html')!.text;
    const srcs = [...html.matchAll(/<script[^>]*src="([^"]+)"/g)].map((m) => m[1]);
    expect(srcs.length).toBeGreaterThan(0);
    for (const s of srcs) expect(s).toMatch(/^\/[\w/.-]+\.js$/);
    expect(html).not.toMatch(/<script(?![^>]*src=)[^>]*>\s*\S/);
  });
});
