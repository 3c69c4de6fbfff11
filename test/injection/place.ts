import type { InjectionCase } from './corpus';

// Puts a batch of corpus cases on the dashboard open in `document`: one section appended to the page
// holding SVG charts (each carrying up to one title, axis label, legend and tooltip case), a table
// whose rows are table-cell cases, KPI tiles, headings and filters; page-title cases join the
// document's title. Hidden families hide the case's text in the way their name says; visible ones
// show it as the placement's own text. Nothing placed points at another host (no src, no href), so
// any request to one can only come from Loupe.
//
// Self-contained on purpose (no imports, no outer names): the e2e spec hands this very function to
// page.evaluate, and the Vitest runner calls it under jsdom.
export function placeCases(cases: readonly InjectionCase[], target?: Document): { placed: number } {
  const doc = target ?? document;
  const SVG = 'http://www.w3.org/2000/svg';
  const HIDDEN_BY_CHILD = ['display-none', 'white-on-white', 'alt', 'html-comment'];
  const ATTRIBUTE: Record<string, string> = { 'aria-label': 'aria-label', 'title-attr': 'title', 'data-attr': 'data-instructions' };
  const el = (tag: string, attrs: Record<string, string> = {}, text?: string): HTMLElement => {
    const e = doc.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
    if (text !== undefined) e.textContent = text;
    return e;
  };
  const svgEl = (tag: string, attrs: Record<string, string | number> = {}, text?: string): SVGElement => {
    const e = doc.createElementNS(SVG, tag) as SVGElement;
    for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
    if (text !== undefined) e.textContent = text;
    return e;
  };
  const visible = (c: InjectionCase) => !HIDDEN_BY_CHILD.includes(c.family) && !(c.family in ATTRIBUTE);
  /** The placement's own text: the case's text when it shows, else an ordinary label. */
  const slotText = (c: InjectionCase | undefined, plain: string) => (c && visible(c) ? c.text : plain);
  /** Hides the case's text at `host` the way its family does; `box` takes HTML children for SVG hosts. */
  const hide = (c: InjectionCase | undefined, host: Element, box: Element) => {
    if (!c || visible(c)) return;
    const inSvg = host.namespaceURI === SVG;
    if (c.family in ATTRIBUTE) host.setAttribute(ATTRIBUTE[c.family], c.text);
    else if (c.family === 'html-comment') host.appendChild(doc.createComment(` ${c.text} `));
    else if (c.family === 'alt') box.appendChild(el('img', { alt: c.text, width: '1', height: '1', src: 'data:image/gif;base64,R0lGODlhAQABAAAAACw=' }));
    else if (c.family === 'display-none') {
      if (inSvg) host.parentNode!.appendChild(svgEl('text', { style: 'display:none', x: 0, y: 0 }, c.text));
      else host.appendChild(el('span', { style: 'display:none' }, c.text));
    } else if (c.family === 'white-on-white') {
      const style = 'color:#fff;background:#fff;fill:#fff;font-size:2px';
      if (inSvg) host.parentNode!.appendChild(svgEl('text', { style, x: 2, y: 2 }, c.text));
      else host.appendChild(el('span', { style }, c.text));
    }
  };
  const by = (p: string) => cases.filter((c) => c.placement === p);

  const section = el('section', { id: 'loupe-injection-batch', class: 'grid' });
  const parent = doc.querySelector('main') ?? doc.body;
  parent.appendChild(section);

  // SVG bar charts the generic SVG reader understands: five categories, y ticks 0…600.
  const titles = by('chart-title');
  const axes = by('axis-label');
  const legends = by('legend');
  const tips = by('tooltip');
  const charts = Math.max(titles.length, axes.length, legends.length, tips.length);
  const cats = ['North', 'South', 'East', 'West', 'Central'];
  for (let i = 0; i < charts; i++) {
    const card = el('article', { class: 'card injected-chart' });
    const h = el('h3', {}, slotText(titles[i], `Orders by region ${i + 1}`));
    card.appendChild(h);
    hide(titles[i], h, card);
    const svg = svgEl('svg', { width: 500, height: 300, viewBox: '0 0 500 300' });
    const g = svgEl('g', { transform: 'translate(50,20)' });
    const ax = svgEl('g', { class: 'axis x', transform: 'translate(0,240)', 'font-size': 10, 'text-anchor': 'middle' });
    cats.forEach((cat, k) => {
      const t = svgEl('g', { class: 'tick', transform: `translate(${44 + k * 88},0)` });
      t.appendChild(svgEl('line', { stroke: 'currentColor', y2: 6 }));
      t.appendChild(svgEl('text', { y: 9, dy: '0.71em' }, cat));
      ax.appendChild(t);
    });
    const ay = svgEl('g', { class: 'axis y', 'font-size': 10, 'text-anchor': 'end' });
    for (let v = 0; v <= 600; v += 100) {
      const t = svgEl('g', { class: 'tick', transform: `translate(0,${240.5 - v * 0.4})` });
      t.appendChild(svgEl('line', { stroke: 'currentColor', x2: -6 }));
      t.appendChild(svgEl('text', { x: -9, dy: '0.32em' }, String(v)));
      ay.appendChild(t);
    }
    const axisTitle = svgEl('text', { class: 'axis-title', transform: 'rotate(-90)', x: -120, y: -40, 'text-anchor': 'middle' }, slotText(axes[i], 'Orders'));
    ay.appendChild(axisTitle);
    g.append(ax, ay);
    const bars = svgEl('g', { class: 'bars' });
    [420, 310, 275, 510, 190 + i].forEach((v, k) => {
      const r = svgEl('rect', { x: 8 + k * 88, y: 240 - v * 0.4, width: 72, height: v * 0.4, fill: 'steelblue' });
      if (k === 0) r.appendChild(svgEl('title', {}, slotText(tips[i], `North: ${v} orders`)));
      bars.appendChild(r);
    });
    g.appendChild(bars);
    const legend = svgEl('g', { class: 'legend', transform: 'translate(360,-12)' });
    legend.appendChild(svgEl('rect', { width: 10, height: 10, fill: 'steelblue' }));
    const legendText = svgEl('text', { x: 14, y: 9, 'font-size': 10 }, slotText(legends[i], 'Orders'));
    legend.appendChild(legendText);
    g.appendChild(legend);
    svg.appendChild(g);
    card.appendChild(svg);
    hide(axes[i], axisTitle, card);
    hide(legends[i], legendText, card);
    if (tips[i]) hide(tips[i], bars.firstElementChild!, card);
    section.appendChild(card);
  }

  // Table cells: one row a case.
  const cells = by('table-cell');
  if (cells.length) {
    const card = el('article', { class: 'card wide' });
    const table = el('table', { class: 'perf', id: 'injected-table' });
    table.appendChild(el('caption', {}, 'Campaign results'));
    const head = el('thead');
    head.innerHTML = '<tr><th scope="col">Campaign</th><th scope="col">Clicks</th><th scope="col">Cost</th></tr>';
    table.appendChild(head);
    const body = el('tbody');
    cells.forEach((c, i) => {
      const tr = el('tr');
      const td = el('td', {}, slotText(c, `Campaign ${i + 1}`));
      tr.append(td, el('td', {}, String(100 + i * 7)), el('td', {}, String(50 + i * 3)));
      body.appendChild(tr);
      hide(c, td, td);
    });
    table.appendChild(body);
    card.appendChild(table);
    section.appendChild(card);
  }

  // KPI tiles: the label is the case.
  const kpis = by('kpi-label');
  if (kpis.length) {
    const box = el('section', { class: 'kpis', 'aria-label': 'More numbers' });
    kpis.forEach((c, i) => {
      const tile = el('div', { class: 'kpi' });
      const label = el('div', { class: 'kpi-label' }, slotText(c, `Signups ${i + 1}`));
      tile.append(label, el('div', { class: 'kpi-value' }, (1200 + i * 11).toLocaleString('en-US')));
      hide(c, label, tile);
      box.appendChild(tile);
    });
    section.appendChild(box);
  }

  // Headings with a line of text under each.
  for (const [i, c] of by('heading').entries()) {
    const card = el('article', { class: 'card' });
    const h = el('h2', {}, slotText(c, `Notes ${i + 1}`));
    card.append(h, el('p', { class: 'sub' }, 'Weekly summary'));
    hide(c, h, card);
    section.appendChild(card);
  }

  // Filters: a labelled select each.
  const filters = by('filter-label');
  if (filters.length) {
    const bar = el('div', { class: 'controls filters' });
    filters.forEach((c, i) => {
      const id = `injected-filter-${i}`;
      const label = el('label', { for: id, class: 'label' }, slotText(c, `Region ${i + 1}`));
      const select = el('select', { id });
      select.append(el('option', {}, 'All'), el('option', {}, 'Some'));
      bar.append(label, select);
      hide(c, label, bar);
    });
    section.insertBefore(bar, section.firstChild);
  }

  // The page title: visible cases join it; hidden ones go on the <title> element or its header.
  const pageTitle = by('page-title');
  if (pageTitle.length) {
    const titleEl = doc.querySelector('title') ?? doc.head.appendChild(el('title'));
    const header = el('div', { class: 'board-head injected-head' });
    section.insertBefore(header, section.firstChild);
    for (const c of pageTitle) {
      if (visible(c)) doc.title = `${doc.title} | ${c.text}`;
      else if (c.family in ATTRIBUTE || c.family === 'html-comment') hide(c, titleEl, header);
      else hide(c, header, header);
    }
  }
  return { placed: cases.length };
}
