/**
 * SVG geometry without trusting layout: transforms from attributes (jsdom has none) or from
 * getScreenCTM/getBBox (Chromium). One chart uses one of the two for every element, so axes and
 * marks share a coordinate system and the pixel → value fit absorbs any scale between them.
 */

export type Matrix = readonly [number, number, number, number, number, number];
export const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];

export function multiply(m: Matrix, n: Matrix): Matrix {
  return [
    m[0] * n[0] + m[2] * n[1], m[1] * n[0] + m[3] * n[1],
    m[0] * n[2] + m[2] * n[3], m[1] * n[2] + m[3] * n[3],
    m[0] * n[4] + m[2] * n[5] + m[4], m[1] * n[4] + m[3] * n[5] + m[5],
  ];
}

export function apply(m: Matrix, x: number, y: number): [number, number] {
  return [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];
}

/** The SVG `transform` attribute as one matrix (translate, scale, rotate, skewX/Y, matrix). */
export function parseTransform(text: string | null): Matrix {
  let m: Matrix = IDENTITY;
  if (!text) return m;
  const re = /(matrix|translate|scale|rotate|skewX|skewY)\s*\(([^)]*)\)/g;
  for (let hit = re.exec(text); hit; hit = re.exec(text)) {
    const a = (hit[2].match(/-?[\d.]+(?:e[-+]?\d+)?/gi) ?? []).map(Number);
    let t: Matrix = IDENTITY;
    switch (hit[1]) {
      case 'matrix': if (a.length === 6) t = a as unknown as Matrix; break;
      case 'translate': t = [1, 0, 0, 1, a[0] ?? 0, a[1] ?? 0]; break;
      case 'scale': t = [a[0] ?? 1, 0, 0, a[1] ?? a[0] ?? 1, 0, 0]; break;
      case 'rotate': {
        const r = ((a[0] ?? 0) * Math.PI) / 180;
        const rot: Matrix = [Math.cos(r), Math.sin(r), -Math.sin(r), Math.cos(r), 0, 0];
        const [cx, cy] = [a[1] ?? 0, a[2] ?? 0];
        t = multiply(multiply([1, 0, 0, 1, cx, cy], rot), [1, 0, 0, 1, -cx, -cy]);
        break;
      }
      case 'skewX': t = [1, 0, Math.tan(((a[0] ?? 0) * Math.PI) / 180), 1, 0, 0]; break;
      case 'skewY': t = [1, Math.tan(((a[0] ?? 0) * Math.PI) / 180), 0, 1, 0, 0]; break;
    }
    m = multiply(m, t);
  }
  return m;
}

/** Rotated by more than a few degrees (rotated tick labels, a vertical axis title). */
export function rotated(m: Matrix): boolean {
  return Math.abs(m[1]) > 0.05 * Math.hypot(m[0], m[1]);
}

interface Layout {
  getScreenCTM(): DOMMatrix | null;
  getBBox(): DOMRect;
}

function layoutOf(el: Element): Layout | null {
  const g = el as unknown as Partial<Layout>;
  return typeof g.getScreenCTM === 'function' && typeof g.getBBox === 'function' ? (g as Layout) : null;
}

/** Maps each element's own user space to the chart's coordinate system. */
export interface Frame {
  readonly live: boolean;
  matrix(el: Element): Matrix;
  /** The element's box in its own user space when layout gives one. */
  bbox(el: Element): { x: number; y: number; width: number; height: number } | null;
}

/** Layout (getScreenCTM, getBBox) when the root is rendered, attributes and transforms otherwise. */
export function frameFor(root: Element): Frame {
  const live = layoutOf(root)?.getScreenCTM() ?? null;
  if (live) {
    const rootM: Matrix = [live.a, live.b, live.c, live.d, live.e, live.f];
    return {
      live: true,
      matrix(el) {
        const m = layoutOf(el)?.getScreenCTM();
        // An element without its own CTM (not rendered) is placed through the root's.
        return m ? [m.a, m.b, m.c, m.d, m.e, m.f] : multiply(rootM, attrMatrix(el, root));
      },
      bbox(el) {
        try {
          const b = layoutOf(el)?.getBBox();
          return b && (b.width || b.height) ? { x: b.x, y: b.y, width: b.width, height: b.height } : null;
        } catch { return null; }
      },
    };
  }
  return { live: false, matrix: (el) => attrMatrix(el, root), bbox: () => null };
}

/** Product of every `transform` (and nested <svg> x/y offset) from the root down to `el`. */
export function attrMatrix(el: Element, root: Element): Matrix {
  const chain: Element[] = [];
  for (let n: Element | null = el; n && n !== root; n = n.parentElement) chain.push(n);
  let m: Matrix = IDENTITY;
  for (let i = chain.length - 1; i >= 0; i--) {
    const n = chain[i];
    if (n.tagName.toLowerCase() === 'svg') m = multiply(m, [1, 0, 0, 1, num(n, 'x'), num(n, 'y')]);
    m = multiply(m, parseTransform(n.getAttribute('transform')));
  }
  return m;
}

export function num(el: Element, attr: string, fallback = 0): number {
  const v = parseFloat(el.getAttribute(attr) ?? '');
  return Number.isFinite(v) ? v : fallback;
}

/** Vertices of a path's `d`, per subpath, in its user space. Curves and arcs contribute their end
 *  points only: good enough to read values at the data points a line passes through. */
export function pathPoints(d: string): Array<Array<[number, number]>> {
  const out: Array<Array<[number, number]>> = [];
  const tokens = d.match(/[MLHVCSQTAZmlhvcsqtaz]|-?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?/g) ?? [];
  let i = 0;
  let cmd = '';
  let x = 0;
  let y = 0;
  let sx = 0;
  let sy = 0;
  let cur: Array<[number, number]> = [];
  const n = () => Number(tokens[i++]);
  const isNum = () => i < tokens.length && !/^[a-z]$/i.test(tokens[i]);
  const ARGS: Record<string, number> = { m: 2, l: 2, h: 1, v: 1, c: 6, s: 4, q: 4, t: 2, a: 7, z: 0 };
  while (i < tokens.length) {
    if (/^[a-z]$/i.test(tokens[i])) cmd = tokens[i++];
    else if (!cmd) { i++; continue; }
    const lower = cmd.toLowerCase();
    const rel = cmd === lower;
    if (lower === 'z') {
      x = sx; y = sy;
      if (cur.length) { out.push(cur); cur = []; }
      cmd = '';
      continue;
    }
    if (!isNum()) { cmd = ''; continue; }
    const args: number[] = [];
    for (let k = 0; k < ARGS[lower] && isNum(); k++) args.push(n());
    if (args.length < ARGS[lower]) break;
    if (lower === 'h') x = rel ? x + args[0] : args[0];
    else if (lower === 'v') y = rel ? y + args[0] : args[0];
    else {
      const [ex, ey] = args.slice(-2);
      x = rel ? x + ex : ex;
      y = rel ? y + ey : ey;
    }
    if (lower === 'm') {
      if (cur.length) out.push(cur);
      cur = [];
      sx = x; sy = y;
      cmd = rel ? 'l' : 'L'; // further pairs after a moveto are linetos
    }
    cur.push([x, y]);
  }
  if (cur.length) out.push(cur);
  return out;
}

export function polyPoints(points: string): Array<[number, number]> {
  const n = (points.match(/-?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?/g) ?? []).map(Number);
  const out: Array<[number, number]> = [];
  for (let i = 0; i + 1 < n.length; i += 2) out.push([n[i], n[i + 1]]);
  return out;
}
