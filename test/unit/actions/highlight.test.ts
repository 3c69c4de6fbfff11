// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { clearHighlight, HIGHLIGHT_MS, highlightChart, MAX_MARKS, OVERLAY_ATTR } from '@/lib/actions/highlight';

function page(): { chart: HTMLElement; other: HTMLElement } {
  document.body.innerHTML = `
    <article class="card" style="border: 1px solid red">
      <h2>Activation rate</h2>
      <div class="chart" data-loupe-chart="activation-rate" style="height: 200px"><canvas></canvas></div>
    </article>
    <div class="chart" data-loupe-chart="signups"></div>`;
  const chart = document.querySelector<HTMLElement>('[data-loupe-chart="activation-rate"]')!;
  const other = document.querySelector<HTMLElement>('[data-loupe-chart="signups"]')!;
  chart.getBoundingClientRect = () => ({ top: 100, left: 20, width: 300, height: 200, right: 320, bottom: 300, x: 20, y: 100, toJSON: () => ({}) });
  return { chart, other };
}

const overlays = (): Element[] => Array.from(document.querySelectorAll(`[${OVERLAY_ATTR}]`));

describe('highlightChart', () => {
  let scroll: ReturnType<typeof vi.fn>;
  beforeEach(() => {
    vi.useFakeTimers();
    // jsdom has no scrollIntoView: give elements one to observe.
    scroll = vi.fn();
    Element.prototype.scrollIntoView = scroll as unknown as Element['scrollIntoView'];
  });
  afterEach(() => {
    clearHighlight(document);
    vi.useRealTimers();
  });

  it('scrolls the chart to the centre and draws an outline overlay over it', () => {
    const { chart } = page();
    expect(highlightChart(document, 'activation-rate')).toEqual({ ok: true });
    expect(scroll).toHaveBeenCalledTimes(1);
    expect(scroll.mock.contexts[0]).toBe(chart);
    expect(scroll).toHaveBeenCalledWith(expect.objectContaining({ behavior: 'smooth', block: 'center' }));

    const [host] = overlays();
    expect(host.getAttribute(OVERLAY_ATTR)).toBe('activation-rate');
    expect((host as HTMLElement).style.pointerEvents).toBe('none');
    const outline = host.shadowRoot!.querySelector<HTMLElement>('.outline')!;
    expect(outline).not.toBeNull();
    // Over the chart's box, with a little padding.
    expect(outline.style.top).toBe('96px');
    expect(outline.style.left).toBe('16px');
    expect(outline.style.width).toBe('308px');
  });

  it('leaves the page’s own elements and their styles as they were', () => {
    page();
    const before = Array.from(document.body.querySelectorAll('*'), (el) => [el.tagName, el.getAttribute('style'), el.className]);
    highlightChart(document, 'activation-rate');
    const after = Array.from(document.body.querySelectorAll('*'), (el) => [el.tagName, el.getAttribute('style'), el.className]);
    expect(after).toEqual(before);
    // The overlay sits outside the page's body.
    expect(overlays()[0].parentElement).toBe(document.documentElement);
  });

  it('is removed by clearHighlight, by the next highlight, and after a few seconds', () => {
    page();
    highlightChart(document, 'activation-rate');
    clearHighlight(document);
    expect(overlays()).toHaveLength(0);

    highlightChart(document, 'activation-rate');
    highlightChart(document, 'signups');
    expect(overlays().map((o) => o.getAttribute(OVERLAY_ATTR))).toEqual(['signups']);

    vi.advanceTimersByTime(HIGHLIGHT_MS + 10);
    expect(overlays()).toHaveLength(0);
  });

  it('says so when the chart is no longer on the page', () => {
    page();
    const result = highlightChart(document, 'gone"] , *');
    expect(result.ok).toBe(false);
    expect(overlays()).toHaveLength(0);
  });

  it('bare x values (not located) outline the chart without marks', () => {
    page();
    expect(highlightChart(document, 'activation-rate', ['2026-10-10', 3])).toEqual({ ok: true });
    expect(overlays()[0].shadowRoot!.querySelectorAll('.mark')).toHaveLength(0);
  });

  it('rings each located point with its x value, placed from the chart corner and moved on scroll', () => {
    const { chart } = page();
    // The chart's page corner is (20 + scrollX, 100 + scrollY); jsdom starts unscrolled.
    const marks = [
      { x: '2026-10-10', series: 'Activation', left: 120, top: 180 },
      { x: 3, left: 300.5, top: 260 },
      { x: 'bad', left: Number.NaN, top: 1 },
    ];
    expect(highlightChart(document, 'activation-rate', marks)).toEqual({ ok: true, marked: 2 });
    const root = overlays()[0].shadowRoot!;
    const drawn = Array.from(root.querySelectorAll<HTMLElement>('.mark'));
    expect(drawn).toHaveLength(2);
    expect(drawn.map((m) => [m.style.left, m.style.top])).toEqual([['120px', '180px'], ['300.5px', '260px']]);
    expect(drawn.map((m) => m.querySelector('.label')!.textContent)).toEqual(['2026-10-10', '3']);
    expect(drawn[0].querySelector('.ring')).not.toBeNull();

    // The page scrolls 50px: the chart's viewport box moves up and the marks with it.
    chart.getBoundingClientRect = () => ({ top: 50, left: 20, width: 300, height: 200, right: 320, bottom: 250, x: 20, y: 50, toJSON: () => ({}) });
    window.dispatchEvent(new Event('scroll'));
    expect(drawn.map((m) => m.style.top)).toEqual(['130px', '210px']);
  });

  it('labels are text, never markup, and the marks go with the outline', () => {
    page();
    highlightChart(document, 'activation-rate', [{ x: '<img src=x onerror=alert(1)>', left: 30, top: 110 }]);
    const root = overlays()[0].shadowRoot!;
    expect(root.querySelector('img')).toBeNull();
    expect(root.querySelector('.label')!.textContent).toBe('<img src=x onerror=alert(1)>');
    clearHighlight(document);
    expect(overlays()).toHaveLength(0);
    highlightChart(document, 'activation-rate', [{ x: 1, left: 30, top: 110 }]);
    vi.advanceTimersByTime(HIGHLIGHT_MS + 1);
    expect(overlays()).toHaveLength(0);
  });

  it('draws at most MAX_MARKS rings', () => {
    page();
    const many = Array.from({ length: 500 }, (_, i) => ({ x: i, left: 30 + i, top: 110 }));
    expect(highlightChart(document, 'activation-rate', many)).toEqual({ ok: true, marked: MAX_MARKS });
  });
});
