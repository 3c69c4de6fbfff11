// Charts inside web components: a design system's <chart-card> keeps its canvas in a shadow root, where
// document.querySelectorAll does not look. Open shadow roots are found once per read and searched like
// the document; closed ones stay closed (the page chose that).

/** Most shadow roots a read looks into: past this the page is built of thousands of components and
 *  the rest is left out rather than slowing every read. */
const MAX_ROOTS = 2_000;

/** Every open shadow root under `doc`, nested ones too, in document order. */
export function openShadowRoots(doc: Document): ShadowRoot[] {
  const out: ShadowRoot[] = [];
  const visit = (root: Document | ShadowRoot) => {
    const walker = doc.createTreeWalker(root, 1 /* NodeFilter.SHOW_ELEMENT */);
    for (let n = walker.nextNode(); n && out.length < MAX_ROOTS; n = walker.nextNode()) {
      const sr = (n as Element).shadowRoot;
      if (sr) {
        out.push(sr);
        visit(sr);
      }
    }
  };
  visit(doc);
  return out;
}

/** Matches of `selector` in the document and in each of `roots`, without throwing on an odd selector. */
export function queryAllIn(doc: Document, roots: readonly ShadowRoot[], selector: string): Element[] {
  try {
    const found = Array.from(doc.querySelectorAll(selector));
    for (const r of roots) found.push(...Array.from(r.querySelectorAll(selector)));
    return found;
  } catch {
    return [];
  }
}

/** The element's parent, stepping out of a shadow root to its host. */
export function parentAcrossShadow(el: Element): Element | null {
  if (el.parentElement) return el.parentElement;
  const root = el.parentNode;
  return root && 'host' in root ? ((root as ShadowRoot).host ?? null) : null;
}
