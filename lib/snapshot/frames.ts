// Dashboards embed charts in frames (a Grafana or Metabase panel in an iframe, a BI tool's embed).
// The reader runs in every frame it may read; these give each frame's charts ids that cannot clash
// with another frame's, and positions in the top page's coordinates, so reading order stays the
// order a person sees. Window objects are passed in, so tests hand in fixtures.

type Win = Window & typeof globalThis;

/** "" in the top frame; else "f1", "f2-1"…: the frame's index in each parent, outermost first.
 *  Stable across reads of an unchanged page, and readable across origins (only `frames` is used). */
export function frameKey(win: Win): string {
  const path: number[] = [];
  let w: Window = win;
  try {
    for (let depth = 0; w !== w.top && depth < 10; depth++) {
      const parent = w.parent;
      let index = -1;
      for (let i = 0; i < parent.frames.length && i < 200; i++) if (parent.frames[i] === w) { index = i; break; }
      path.unshift(index + 1);
      w = parent;
    }
  } catch {
    return path.length ? `f${path.join('-')}` : 'f0';
  }
  return path.length ? `f${path.join('-')}` : '';
}

/** Where this frame's top-left corner sits in the top page (document coordinates), or null where a
 *  parent of another origin keeps it from knowing. */
export function frameOffset(win: Win): [number, number] | null {
  let top = 0;
  let left = 0;
  let w: Window = win;
  try {
    for (let depth = 0; w !== w.top && depth < 10; depth++) {
      const el = w.frameElement;
      if (!el) return null;
      const r = el.getBoundingClientRect();
      const parent = w.parent;
      top += r.top + parent.scrollY + (el as HTMLElement).clientTop;
      left += r.left + parent.scrollX + (el as HTMLElement).clientLeft;
      w = parent;
    }
  } catch {
    return null;
  }
  return [top, left];
}

/** Charts of a frame whose place on the page is unknown come after every chart whose place is known. */
export const UNPLACED_TOP = 1e9;
