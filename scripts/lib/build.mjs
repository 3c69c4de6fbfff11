// Builds the extension when its output is missing or older than the sources, quietly (the snapshot
// command prints JSON on stdout and nothing else).
import { existsSync, statSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { execFileSync } from 'node:child_process';

export const ROOT = resolve(import.meta.dirname, '..', '..');
const SOURCES = ['entrypoints', 'lib', 'components', 'public', 'wxt.config.ts', 'package.json'];

export function outDir(mode = 'production', browser = 'chrome') {
  const suffix = mode === 'production' ? '' : `-${mode}`;
  return join(ROOT, '.output', `${browser}-mv${browser === 'firefox' ? 2 : 3}${suffix}`);
}

function newest(path) {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let max = st.mtimeMs;
  for (const entry of readdirSync(path)) max = Math.max(max, newest(join(path, entry)));
  return max;
}

export function isStale(mode = 'production') {
  const manifest = join(outDir(mode), 'manifest.json');
  if (!existsSync(manifest)) return true;
  const built = statSync(manifest).mtimeMs;
  return SOURCES.some((s) => newest(join(ROOT, s)) > built);
}

/** Builds the given mode when needed; returns the unpacked extension's folder. */
export function ensureBuild(mode = 'production', { force = false, quiet = true } = {}) {
  if (force || isStale(mode)) {
    const args = ['wxt', 'build', ...(mode === 'production' ? [] : ['--mode', mode])];
    execFileSync('npx', args, { cwd: ROOT, stdio: quiet ? ['ignore', 'ignore', 'pipe'] : 'inherit' });
  }
  return outDir(mode);
}
