import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { z } from 'zod';
import type { Download, Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { openPanel } from './pages/panel';

const ROOT = join(import.meta.dirname, '..', '..');
const BOARD = join(ROOT, 'test', 'fixtures', 'dashboards', 'growth-mixpanel');
const SCHEMA = JSON.parse(readFileSync(join(ROOT, 'docs', 'export-schema.json'), 'utf8'));

/** Clicks a Download button in the Log tab and waits for the file and the panel's "… ready." line. */
async function download(panel: Page, label: string): Promise<Download> {
  const file = panel.waitForEvent('download', { timeout: 40_000 });
  await panel.getByRole('button', { name: `Download ${label}` }).click();
  const done = await file;
  await expect(panel.locator('.export-status')).toContainText(`${label} ready.`, { timeout: 20_000 });
  return done;
}

interface ImageFacts { alt: string; src: string; width: number; colours: Record<string, number> }

/** Every chart image of the report: its source, decoded width, and how many pixels are exactly in each
 *  mark colour (PNG is lossless, and no sample chart draws in these colours). */
function imageFacts(page: Page, hexes: string[]): Promise<ImageFacts[]> {
  return page.evaluate(async (hexes) => Promise.all(Array.from(document.querySelectorAll<HTMLImageElement>('figure img')).map(async (img) => {
    await img.decode();
    const c = document.createElement('canvas');
    c.width = img.naturalWidth;
    c.height = img.naturalHeight;
    const ctx = c.getContext('2d')!;
    ctx.drawImage(img, 0, 0);
    const { data } = ctx.getImageData(0, 0, c.width, c.height);
    const colours: Record<string, number> = {};
    for (const hex of hexes) {
      const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
      let n = 0;
      for (let i = 0; i < data.length; i += 4) if (Math.abs(data[i] - r) < 4 && Math.abs(data[i + 1] - g) < 4 && Math.abs(data[i + 2] - b) < 4) n++;
      colours[hex] = n;
    }
    return { alt: img.alt, src: img.src.slice(0, 40), srcLength: img.src.length, width: img.naturalWidth, colours };
  })), hexes).then((all) => all.map(({ srcLength, ...f }) => ({ ...f, src: `${f.src}…(${srcLength})` })));
}

// The reviewer export holds what was seen: the panel is opened as a tab (so the dashboard is not the
// tab in front), and the export still captures the dashboard's charts, marks the finding on its chart,
// and puts the panel back in front. The report opens in a browser without Loupe.
test('an HTML export of a read, triaged and annotated board shows each chart with its finding marked; the JSON export validates',
  async ({ context, extensionId, serverUrl, page }, testInfo) => {
    const expected: { charts: Array<{ title: string }> } = JSON.parse(readFileSync(join(BOARD, 'dist', 'expected.json'), 'utf8'));
    const reason = 'Onboarding v2 launch moved the activation step';
    const note = 'The Oct 10 drop follows the onboarding v2 launch';
    await page.setViewportSize({ width: 1100, height: 700 });
    await page.goto(`${serverUrl}/dashboards/growth-mixpanel/?loupe=export-${Date.now()}`);
    await expect(page.locator('canvas').first()).toBeVisible();

    // The panel tab keeps the browser's default size: headless Chromium sizes the window's view by the
    // last emulated viewport, and captureVisibleTab takes that view, so a 420 px panel would clip the charts.
    const panel = await openPanel(context, extensionId, page.url());
    await panel.readUntilCharts(expected.charts.length);
    const activation = panel.findingCards.filter({ has: panel.page.getByRole('heading', { name: /^Activation rate fell/ }) });
    const findingId = (await activation.getByRole('group', { name: /^Triage F\d+$/ }).getAttribute('aria-label'))!.replace('Triage ', '');
    await panel.reasonField(activation).fill(reason);
    await panel.triageButton(activation, 'Real').click();
    await expect(panel.triageLine(activation)).toHaveText(`Marked real by you · ${reason}`);

    await panel.openNotes();
    await panel.page.getByRole('button', { name: 'Add a note' }).click();
    const form = panel.page.getByRole('form', { name: 'Add a note' });
    await form.getByLabel('Note', { exact: true }).fill(note);
    await form.getByLabel(/^Chart/).selectOption({ label: 'Activation rate' });
    await form.getByRole('button', { name: 'Add note' }).click();
    await expect(panel.page.getByRole('list', { name: 'Notes' })).toContainText(note);

    await panel.openLog();
    const html = await download(panel.page, 'HTML');
    expect(html.suggestedFilename()).toMatch(/^loupe-review-\d{4}-\d{2}-\d{2}\.html$/);
    // The panel (a tab of the dashboard's window here) is put back in front after the capture.
    await expect.poll(() => panel.page.evaluate(() => document.visibilityState)).toBe('visible');

    // Two exports in a row: the second capture waits out the browser's rate limit rather than failing.
    const json = JSON.parse(readFileSync((await (await download(panel.page, 'JSON')).path())!, 'utf8'));
    const result = z.fromJSONSchema(SCHEMA).safeParse(json);
    expect(result.success, result.success ? '' : JSON.stringify(result.error.issues.slice(0, 3))).toBe(true);
    expect(json.charts.filter((c: { image?: string }) => c.image?.startsWith('data:image/png')).length).toBe(expected.charts.length);
    expect(json.charts.find((c: { title: string }) => c.title === 'Activation rate').marks.map((m: { ref: string }) => m.ref)).toContain(findingId);
    expect(json.findings.find((f: { id: string }) => f.id === findingId).triage).toMatchObject({ verdict: 'real', reason });

    const report = await context.newPage();
    try {
      // Saved under its own name: the download's temporary file has no .html to open it as a page.
      const file = testInfo.outputPath(html.suggestedFilename());
      await html.saveAs(file);
      await report.goto(pathToFileURL(file).href);
      await expect(report.getByRole('heading', { level: 1 })).toBeVisible();
      const images = await imageFacts(report, ['#c2410c', '#1d4ed8']);
      expect(images.map((i) => i.alt)).toEqual(expected.charts.map((c) => `Chart: ${c.title}`));
      for (const img of images) {
        expect(img.src, 'a PNG data URL of a chart, not an empty image').toMatch(/^data:image\/png;base64,.*\(\d{5,}\)$/);
        expect(img.width).toBeGreaterThan(100);
      }
      // The finding is ringed on its chart, in the image itself; the caption names what is marked.
      const activationImage = images.find((i) => i.alt === 'Chart: Activation rate')!;
      expect(activationImage.colours['#c2410c'], 'the finding’s orange ring and tag').toBeGreaterThan(100);
      expect(activationImage.colours['#1d4ed8'], 'the cited points’ blue rings').toBeGreaterThan(30);
      const figure = report.locator('figure').filter({ hasText: /^Activation rate/ });
      await expect(figure.locator('figcaption')).toContainText(new RegExp(`marked: .*${findingId} \\(Activation rate fell`));
      // What was decided and noted is in the report a reviewer reads.
      await expect(report.locator('body')).toContainText(reason);
      await expect(report.locator('body')).toContainText(note);
      await figure.scrollIntoViewIfNeeded();
      await testInfo.attach('exported-report.png', { body: await report.screenshot(), contentType: 'image/png' });
    } finally {
      await report.close();
    }

    await panel.page.close();
  });
