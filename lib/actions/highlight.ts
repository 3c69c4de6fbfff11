// Shows a person which chart the panel is talking about: scrolls the page to it and draws an outline
// over it. The outline is Loupe's own element (a host with a closed-off shadow root), so the page's own
// elements keep their styles and the page's CSS cannot restyle the outline. Runs in the ISOLATED world
// (entrypoints/highlight.ts installs it; the background calls it with executeScript).
// Cited points come located by the MAIN-world locator (lib/actions/locate-points.ts) in page
// coordinates; each gets a ring and its x value, in the same shadow root, removed with the outline.

import { findChartElement } from '@/lib/snapshot/dom';

export const OVERLAY_ATTR = 'data-loupe-overlay';
/** Long enough to find the outline after the scroll, short enough not to linger over the page. */
export const HIGHLIGHT_MS = 6000;

/** Rings drawn at most; evidence cites a handful of points. */
export const MAX_MARKS = 50;

export type HighlightResult = { ok: true; marked?: number } | { ok: false; message: string };

/** A cited point and where it is drawn, in page coordinates (CSS px from the document's top-left). */
export interface PointMark {
  x: string | number;
  series?: string;
  left: number;
  top: number;
}

interface Shown {
  host: HTMLElement;
  timer: ReturnType<typeof setTimeout>;
  stop: () => void;
}

// One outline per document; kept off the page's globals (this module lives in the isolated world).
const shown = new WeakMap<Document, Shown>();

const STYLE = `
  :host { all: initial; }
  .outline {
    position: fixed; box-sizing: border-box; pointer-events: none; border-radius: 6px;
    border: 3px solid #f59e0b; box-shadow: 0 0 0 4px rgba(245, 158, 11, 0.35);
    transition: opacity 200ms ease-out;
  }
  .tag {
    position: absolute; top: -26px; right: -3px; padding: 2px 8px; border-radius: 4px 4px 0 0;
    background: #f59e0b; color: #111827; font: 600 12px/18px system-ui, sans-serif;
  }
  .mark {
    position: fixed; width: 0; height: 0; pointer-events: none;
  }
  .ring {
    position: absolute; left: -9px; top: -9px; width: 18px; height: 18px; box-sizing: border-box;
    border-radius: 50%; border: 3px solid #f59e0b; background: rgba(245, 158, 11, 0.18);
    box-shadow: 0 0 0 2px rgba(255, 255, 255, 0.9);
  }
  .label {
    position: absolute; left: 12px; top: -30px; padding: 1px 6px; border-radius: 4px; white-space: nowrap;
    background: #111827; color: #fff; font: 600 11px/16px system-ui, sans-serif;
  }
`;

/**
 * Scrolls to the chart the reader tagged `data-loupe-chart="<chartId>"` and outlines it. Points with
 * a position get a ring and a label with their x value; bare x values (not located) are outline only.
 */
/**
 * Loupe's overlay: a host that takes no room and no clicks (the only element that gets inline styles),
 * a shadow root with its own style, and an outline with a tag. The text is set with textContent, so a
 * step description or page-derived label is shown, never parsed as markup. The caller appends `host`.
 */
export function createOverlay(doc: Document, id: string, css: string, tagText: string): { host: HTMLElement; root: ShadowRoot; outline: HTMLElement } {
  const host = doc.createElement('div');
  host.setAttribute(OVERLAY_ATTR, id);
  host.setAttribute('aria-hidden', 'true');
  host.style.cssText = 'position:fixed;top:0;left:0;width:0;height:0;pointer-events:none;z-index:2147483647;';
  const root = host.attachShadow({ mode: 'open' });
  const style = doc.createElement('style');
  style.textContent = css;
  const outline = doc.createElement('div');
  outline.className = 'outline';
  const tag = doc.createElement('span');
  tag.className = 'tag';
  tag.textContent = tagText;
  outline.append(tag);
  root.append(style, outline);
  return { host, root, outline };
}

export function highlightChart(doc: Document, chartId: string, points?: ReadonlyArray<string | number | PointMark>): HighlightResult {
  clearHighlight(doc);
  const target = findChartElement(doc, chartId);
  if (!target) return { ok: false, message: 'That chart is no longer on the page. Read the page again.' };

  const view = doc.defaultView;
  // Marks keep their offset from the chart's corner, measured now (before scrolling), so they follow
  // the chart through window scrolls and scrolling containers alike.
  const start = target.getBoundingClientRect();
  const origin = { left: start.left + (view?.scrollX ?? 0), top: start.top + (view?.scrollY ?? 0) };
  const located = (points ?? []).filter(isMark).slice(0, MAX_MARKS)
    .map((p) => ({ p, dx: p.left - origin.left, dy: p.top - origin.top }));
  const reduceMotion = view?.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false;
  // jsdom and some embedded frames have no scrollIntoView; the outline still shows.
  if (typeof target.scrollIntoView === 'function') {
    target.scrollIntoView({ behavior: reduceMotion ? 'auto' : 'smooth', block: 'center', inline: 'nearest' });
  }

  const { host, root, outline } = createOverlay(doc, chartId, STYLE, 'Loupe');
  const marks = located.map(({ p }) => {
    const mark = doc.createElement('div');
    mark.className = 'mark';
    const ring = doc.createElement('div');
    ring.className = 'ring';
    const label = doc.createElement('span');
    label.className = 'label';
    label.textContent = String(p.x).slice(0, 60); // textContent: page-derived text never becomes markup
    mark.append(ring, label);
    root.append(mark);
    return mark;
  });
  doc.documentElement.append(host);

  // Fixed position follows the chart's viewport box: placed again on every scroll (also inside
  // scrolling containers, hence capture) and resize. Browsers fire scroll at most once a frame, and
  // a hidden tab runs no animation frames, so no requestAnimationFrame here.
  const place = (): void => {
    const r = target.getBoundingClientRect();
    const pad = 4;
    outline.style.cssText = `top:${r.top - pad}px;left:${r.left - pad}px;width:${r.width + pad * 2}px;height:${r.height + pad * 2}px;`;
    located.forEach(({ dx, dy }, i) => {
      marks[i].style.cssText = `left:${r.left + dx}px;top:${r.top + dy}px;`;
    });
  };
  place();
  view?.addEventListener('scroll', place, { capture: true, passive: true });
  view?.addEventListener('resize', place, { passive: true });
  const stop = (): void => {
    view?.removeEventListener('scroll', place, { capture: true });
    view?.removeEventListener('resize', place);
  };

  const timer = setTimeout(() => clearHighlight(doc), HIGHLIGHT_MS);
  shown.set(doc, { host, timer, stop });
  return located.length ? { ok: true, marked: located.length } : { ok: true };
}

/** Removes Loupe's outline (any left by an earlier injection of this script, too). */
export function clearHighlight(doc: Document): void {
  const current = shown.get(doc);
  if (current) {
    clearTimeout(current.timer);
    current.stop();
    shown.delete(doc);
  }
  doc.querySelectorAll(`[${OVERLAY_ATTR}]`).forEach((el) => el.remove());
}

function isMark(p: unknown): p is PointMark {
  if (typeof p !== 'object' || p === null) return false;
  const m = p as Partial<PointMark>;
  return (typeof m.x === 'string' || typeof m.x === 'number') && Number.isFinite(m.left) && Number.isFinite(m.top);
}

