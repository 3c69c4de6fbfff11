import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// What the panel renders is sanitized by construction: no code path turns a string into markup. The
// behaviour (raw HTML shown as text, no <img>, foreign links as text) is pinned by
// test/unit/components/answer-text.test.tsx; this pins that nobody adds a way around it.

function sources(dir: string): Array<{ path: string; text: string }> {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return sources(p);
    // Comments may name what is forbidden ("no rehype-raw"); only code counts.
    const text = readFileSync(p, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
    return /\.(ts|tsx)$/.test(name) ? [{ path: p, text }] : [];
  });
}

describe('sanitized rendering', () => {
  const code = ['components', 'entrypoints', 'lib'].flatMap(sources);

  it('no raw-HTML plugin, no dangerouslySetInnerHTML, no innerHTML/outerHTML writes, no document.write', () => {
    for (const f of code) {
      expect(f.text, f.path).not.toMatch(/rehype-raw|allowDangerousHtml|dangerouslySetInnerHTML/);
      expect(f.text, f.path).not.toMatch(/\.(inner|outer)HTML\s*=(?!=)|insertAdjacentHTML|document\.write\(/);
    }
  });

  it('the package does not depend on rehype-raw', () => {
    const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { dependencies?: Record<string, string>; devDependencies?: Record<string, string> };
    expect({ ...pkg.dependencies, ...pkg.devDependencies }).not.toHaveProperty('rehype-raw');
  });

  it('Markdown answers replace images: the renderer maps img to text', () => {
    const answer = readFileSync('components/AnswerText.tsx', 'utf8');
    expect(answer).toMatch(/img:\s*\(\{\s*alt\s*\}\)\s*=>\s*<span/);
  });
});
