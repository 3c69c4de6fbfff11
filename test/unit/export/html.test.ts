import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { buildExport, esc, toHtml } from '@/lib/export';
import { BOARD, EVIL, input, PNG } from './fixtures';

describe('toHtml', () => {
  const html = toHtml(buildExport(input()));

  it('has no script, no event handler, no external request', () => {
    expect(html).not.toMatch(/<script/i);
    // Parsed as a browser would: no element carries an on… handler (page text may say "onerror", as text).
    const doc = new JSDOM(html).window.document;
    const handlers = [...doc.querySelectorAll('*')].flatMap((el) => [...el.attributes].filter((a) => /^on/i.test(a.name)).map((a) => a.name));
    expect(handlers).toEqual([]);
    expect(doc.querySelectorAll('script, link, iframe, object, embed, base, form').length).toBe(0);
    // Every src is a raster data URL; nothing is linked or imported.
    const srcs = [...html.matchAll(/\ssrc="([^"]*)"/g)].map((m) => m[1]);
    expect(srcs.length).toBeGreaterThan(0);
    for (const s of srcs) expect(s).toMatch(/^data:image\/png;base64,/);
    expect(html).not.toMatch(/\shref=|url\(|@import|<link|<iframe|<object|<embed/i);
    expect(html).not.toContain('127.0.0.2/track.png'); // the remote chart image was left out
    expect(html).toContain(`content="default-src 'none'; img-src data:;`);
  });

  it('escapes every page text: an <img onerror> in a chart title stays text', () => {
    expect(html).not.toContain(EVIL);
    expect(html).toContain(esc(`Activation ${EVIL}`));
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    const doc = new JSDOM(html).window.document;
    expect([...doc.querySelectorAll('img')].map((i) => i.getAttribute('src'))).toEqual([PNG, PNG]);
    expect([...doc.querySelectorAll('figcaption')].map((f) => f.textContent)[0]).toBe(`Activation ${EVIL} (activation) — marked: E1 (Oct 10), F1`);
    expect(doc.querySelector('h3')?.textContent).toBe('Growth insights (mixpanel)');
  });

  it('is self-contained and print-ready: inline CSS, page breaks, marks over the chart', () => {
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).toMatch(/<style>[\s\S]*@media print[\s\S]*break-before: page[\s\S]*<\/style>/);
    expect(html).toContain('<span class="mark" style="left:62.50%;top:40.00%" title="Oct 10">E1</span>');
    for (const section of ['What was seen', 'Findings', 'Explanations', 'Proposals and decisions', 'Rules matched', 'Sign-offs', 'Steps applied and reverted', 'Flags', 'Notes used']) {
      expect(html).toContain(`<h2>${section}</h2>`);
    }
    expect(html).toContain('[N1] Sam told us: “Oct 10 tracking outage”');
  });

  it('does not overlay marks a second time on an image that has them drawn in, but still lists them', () => {
    const base = input();
    const drawn = toHtml(buildExport({ ...base, charts: base.charts!.map((c) => ({ ...c, marksDrawn: true })) }));
    const doc = new JSDOM(drawn).window.document;
    expect(doc.querySelectorAll('.frame img')).toHaveLength(2);
    expect(doc.querySelectorAll('.mark')).toHaveLength(0);
    expect(doc.querySelector('figcaption')?.textContent).toBe(`Activation ${EVIL} (activation) — marked: E1 (Oct 10), F1`);
  });

  it('names each marked id once in the caption, however many points it marks, with long labels cut', () => {
    const base = input();
    const long = `“Activation rate” fell 15.6% from Oct 10, 2026: ${'average 34.3% over 69 points before '.repeat(3)}`;
    const chart = { ...base.charts![0], marks: [0, 1, 2].map((i) => ({ ref: 'E6', xPct: 10 * i, yPct: 50, label: long })) };
    const doc = new JSDOM(toHtml(buildExport({ ...base, charts: [chart] }))).window.document;
    const caption = doc.querySelector('figcaption')?.textContent ?? '';
    expect(caption.match(/E6/g)).toHaveLength(1);
    expect(caption).toContain(`E6 (${long.slice(0, 89)}…)`);
  });

  it('is deterministic', () => {
    expect(toHtml(buildExport({ ...input(), filter: { dashboard: BOARD } }))).toBe(toHtml(buildExport({ ...input(), filter: { dashboard: BOARD } })));
  });

  it('escapes quotes in attributes', () => {
    expect(esc(`"'><b>&`)).toBe('&quot;&#39;&gt;&lt;b&gt;&amp;');
  });
});
