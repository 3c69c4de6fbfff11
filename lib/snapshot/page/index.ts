import { adapters } from '../adapters';
import { runWorld, type WorldResult } from '../run';
import { readKpis } from './kpi';
import { readPageContext } from './context';

/** The ISOLATED-world read: the DOM-only chart adapters, then KPI tiles and the dashboard's context. */
export async function readPage(win: Window & typeof globalThis, doc: Document): Promise<WorldResult> {
  const result = await runWorld('isolated', win, doc, adapters);
  const start = win.performance.now();
  const { metrics, notes } = readKpis(doc);
  const { tool, context } = readPageContext(doc, win);
  result.notes.push(...notes);
  result.ms += win.performance.now() - start;
  result.page = { url: win.location.href, title: doc.title, tool, context, metrics };
  return result;
}
