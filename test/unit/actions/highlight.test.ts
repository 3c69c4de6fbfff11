// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { clearHighlight, HIGHLIGHT_MS, highlightChart, OVERLAY_ATTR } from '@/lib/actions/highlight';

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

  it('accepts points to mark without failing (marks come later)', () => {
    page();
    expect(highlightChart(document, 'activation-rate', ['2026-10-10', 3]).ok).toBe(true);
  });
});
