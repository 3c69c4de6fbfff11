import type { Evidence } from '../evidence/schema';

// Evidence as CSV for a spreadsheet (RFC 4180: comma-separated, CRLF line ends, fields with a comma,
// quote or line break in double quotes, quotes doubled). Numbers are written as JavaScript prints them,
// unformatted and unrounded, one value key a column ("value:changePct"), so they can be computed on.
// Text cells starting with = + - @ (or a tab or carriage return) get a leading apostrophe: page text
// must not become a formula when the file is opened (CSV injection). Numeric cells are not touched,
// so -15.2 stays a number.

type CsvEvidence = Evidence & { dashboard?: string };

const BASE = ['dashboard', 'id', 'chartId', 'series', 'claim', 'method', 'confidence', 'unit', 'points'] as const;

export function csvCell(v: string | number | undefined): string {
  if (v === undefined) return '';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  const guarded = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return /[",\r\n]/.test(guarded) || guarded !== guarded.trim() ? `"${guarded.replace(/"/g, '""')}"` : guarded;
}

export function toCsv(evidence: readonly CsvEvidence[]): string {
  const keys = [...new Set(evidence.flatMap((e) => Object.keys(e.values)))].sort();
  const header = [...BASE, ...keys.map((k) => `value:${k}`)].map(csvCell).join(',');
  const rows = evidence.map((e) => [
    csvCell(e.dashboard), csvCell(e.id), csvCell(e.chartId), csvCell(e.series), csvCell(e.claim), csvCell(e.method),
    csvCell(e.confidence), csvCell(e.unit), csvCell(e.points.map(String).join('; ')),
    ...keys.map((k) => csvCell(e.values[k])),
  ].join(','));
  return [header, ...rows].map((r) => `${r}\r\n`).join('');
}
