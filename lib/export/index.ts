import type { Export } from './schema';

// Reviewer exports (design.md, level 4): build once, render as Markdown, HTML, JSON or CSV.
export { buildExport, citedIds } from './build';
export { toMarkdown, mdEscape, type MarkdownOptions } from './markdown';
export { toHtml, esc } from './html';
export { toCsv, csvCell } from './csv';
export * from './schema';

/** The JSON export: the validated export as is (docs/export.md), stable and pretty-printed. */
export function toJson(exp: Export): string {
  return `${JSON.stringify(exp, null, 2)}\n`;
}
