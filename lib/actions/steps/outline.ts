// The preview's highlight: an outline over the control a step will change. Same overlay attribute as
// the chart highlight (lib/actions/highlight.ts), so the panel's clearHighlight removes it too, and
// the same rules: Loupe's own shadow-rooted element, fixed over the target, gone after a while.
import { createOverlay, HIGHLIGHT_MS, OVERLAY_ATTR } from '@/lib/actions/highlight';

const STYLE = `
  :host { all: initial; }
  .outline { position: fixed; box-sizing: border-box; pointer-events: none; border-radius: 6px;
    border: 3px dashed #2563eb; box-shadow: 0 0 0 4px rgba(37, 99, 235, 0.3); }
  .tag { position: absolute; top: -26px; left: -3px; padding: 2px 8px; border-radius: 4px 4px 0 0; white-space: nowrap;
    background: #2563eb; color: #fff; font: 600 12px/18px system-ui, sans-serif; }
`;

const timers = new WeakMap<Document, ReturnType<typeof setTimeout>>();

export function clearStepOutline(doc: Document): void {
  const t = timers.get(doc);
  if (t) clearTimeout(t);
  timers.delete(doc);
  doc.querySelectorAll(`[${OVERLAY_ATTR}^="step:"]`).forEach((el) => el.remove());
}

/** Outlines `target` with a tag saying what will happen ("Will: Set segment to …"). */
export function outlineTarget(doc: Document, target: Element, tag: string): void {
  clearStepOutline(doc);
  const view = doc.defaultView;
  if (typeof target.scrollIntoView === 'function') target.scrollIntoView({ block: 'center', inline: 'nearest' });
  const { host, outline } = createOverlay(doc, 'step:preview', STYLE, tag);
  doc.documentElement.append(host);
  const place = (): void => {
    if (!host.isConnected) { stop(); return; }
    const r = target.getBoundingClientRect();
    outline.style.cssText = `top:${r.top - 4}px;left:${r.left - 4}px;width:${r.width + 8}px;height:${r.height + 8}px;`;
  };
  const stop = (): void => {
    view?.removeEventListener('scroll', place, { capture: true });
    view?.removeEventListener('resize', place);
  };
  place();
  view?.addEventListener('scroll', place, { capture: true, passive: true });
  view?.addEventListener('resize', place, { passive: true });
  timers.set(doc, setTimeout(() => { stop(); host.remove(); }, HIGHLIGHT_MS));
}
