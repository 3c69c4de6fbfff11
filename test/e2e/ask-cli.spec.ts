import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { outDir } from '../../scripts/lib/build.mjs';
import { test, expect } from './fixtures';
// @ts-expect-error plain .mjs fixture without type declarations
import { startLlmServer } from '../fixtures/llm-server.mjs';

// `npm run -s ask -- <url|file> "<question>"`: the page read like `snapshot`, the copilot run in Node,
// the answer verified; one JSON document on stdout. The model is offline or llm-server on loopback.
const run = promisify(execFile);
const ROOT = join(import.meta.dirname, '..', '..');
// The build global-setup made: the command must not rebuild it under other specs' browsers.
const NO_PROVIDER = { LOUPE_EXTENSION_DIR: outDir('e2e'), LOUPE_BASE_URL: '', OPENAI_BASE_URL: '', OPENAI_API_KEY: '', LOUPE_MODEL: '' };
const ask = (env: Record<string, string>, ...args: string[]) =>
  run('node', ['--import', 'tsx', 'scripts/ask.ts', ...args], { cwd: ROOT, timeout: 90_000, env: { ...process.env, ...NO_PROVIDER, ...env } });

interface AskOutput {
  answer: string;
  citations: string[];
  unsupported: number;
  evidence: Array<{ id: string }>;
  usage: { totalTokens: number } | null;
}

test.describe.configure({ timeout: 120_000 });

test('offline: the answer cites evidence it prints, and every number is supported', async ({ serverUrl }) => {
  const { stdout } = await ask({}, `${serverUrl}/growth-mixpanel/`, 'What changed in activation?');
  const out = JSON.parse(stdout) as AskOutput; // stdout is one JSON document and nothing else
  expect(Object.keys(out).sort()).toEqual(['answer', 'citations', 'evidence', 'unsupported', 'usage']);
  expect(out.answer).toMatch(/Activation rate/);
  expect(out.citations.length).toBeGreaterThan(0);
  const ids = out.evidence.map((e) => e.id);
  for (const id of out.citations.filter((c) => c.startsWith('E'))) expect(ids).toContain(id);
  expect(out.unsupported).toBe(0);
});

test('a model on loopback: a wrong number is flagged, and the key goes only in its Authorization header', async ({ serverUrl }) => {
  const key = 'sk-e2e-ask-0123456789abcdef';
  const srv = await startLlmServer({
    host: '127.0.0.1', apiKey: key,
    script: [{ text: 'Activation rate fell 99.9% from Oct 10 [E1]. Check the releases around that date.', times: 'always' }],
  });
  try {
    const { stdout, stderr } = await ask({ LOUPE_BASE_URL: srv.url, OPENAI_API_KEY: key, LOUPE_MODEL: 'test-model' },
      `${serverUrl}/growth-mixpanel/`, 'What changed in activation?');
    const out = JSON.parse(stdout) as AskOutput;
    expect(out.answer).toContain('99.9%');
    expect(out.citations).toEqual(['E1']);
    expect(out.unsupported).toBeGreaterThanOrEqual(1);
    expect(out.usage?.totalTokens).toBeGreaterThan(0);

    const requests = srv.requests as Array<{ method: string; path: string; headers: Record<string, string>; body: unknown }>;
    expect(requests.length).toBeGreaterThan(0);
    for (const r of requests) {
      expect(r.headers.authorization).toBe(`Bearer ${key}`);
      const elsewhere = { ...r.headers, authorization: undefined };
      expect(JSON.stringify([r.path, elsewhere, r.body])).not.toContain(key);
    }
    expect(stdout + stderr).not.toContain(key);
  } finally {
    await srv.close();
  }
});

test('a server that is not there is a clear message, a non-zero exit and nothing on stdout', async ({ serverUrl }) => {
  const err = await ask({ LOUPE_BASE_URL: 'http://127.0.0.1:1/v1', LOUPE_MODEL: 'test-model' }, `${serverUrl}/growth-mixpanel/`, 'What changed?')
    .catch((e: { code: number; stdout: string; stderr: string }) => e);
  expect(err).toMatchObject({ code: 1, stdout: '' });
  expect((err as { stderr: string }).stderr).toMatch(/Could not reach the model at http:\/\/127\.0\.0\.1:1\/v1/);
});
