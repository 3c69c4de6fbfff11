// Loads a sample dashboard's markup (no chart libraries) with its working controls into jsdom.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PageStep } from '@/lib/actions/steps/schema';

const DASHBOARDS = join(import.meta.dirname, '..', '..', '..', 'fixtures', 'dashboards');
const CONTROLS = readFileSync(join(DASHBOARDS, 'shared', 'controls.js'), 'utf8');

export function loadBoard(slug: 'growth-mixpanel' | 'marketing-ga4'): void {
  const html = readFileSync(join(DASHBOARDS, slug, 'index.html'), 'utf8');
  const body = html.slice(html.indexOf('<body>') + 6, html.indexOf('</body>')).replace(/<script[\s\S]*?<\/script>/g, '');
  document.title = /<title>(.*?)<\/title>/.exec(html)?.[1] ?? '';
  document.body.innerHTML = body;
  // The board's own control script, as the page runs it (a classic script on this document).
  new Function(CONTROLS)();
}

let n = 0;
const id = () => `s${++n}`;
export const steps = {
  range: (from: string, to: string): PageStep => ({ id: id(), label: 'Date range', kind: 'set-date-range', target: { controlId: 'date-range' }, value: { from, to } }),
  segment: (value: string): PageStep => ({ id: id(), label: 'Segment', kind: 'set-filter', target: { controlId: 'segment' }, value: { field: 'Segment', value } }),
  breakdown: (value: string): PageStep => ({ id: id(), label: 'Breakdown', kind: 'set-breakdown', target: { controlId: 'breakdown' }, value }),
  note: (at: string, text: string): PageStep => ({ id: id(), label: 'Annotate', kind: 'add-annotation', target: { controlId: 'annotations' }, value: { at, text } }),
  flag: (controlId: string, on: boolean): PageStep => ({ id: id(), label: 'Flag', kind: 'toggle-control', target: { controlId }, value: on }),
};

export const $ = <T extends Element = HTMLElement>(sel: string): T => document.querySelector<T>(sel)!;
