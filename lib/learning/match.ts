import { dashboardKey } from '../db/schema';
import type { NoteRow } from '../db/notes';

// Which notes apply where. Rules (docs/export.md, "Notes"):
// - A note's dashboard pattern is matched against the whole board URL, case-insensitively, after the
//   fragment and cache-busters are dropped (dashboardKey). "*" matches any run of characters; a pattern
//   without "://" may start with the host ("grafana.acme.io/d/*"). "*" alone matches every board.
// - Scopes narrow a note. Asked about the whole board (no chart, no metric) every note of the board
//   matches, so the copilot sees them all. Asked about a chart, a note scoped to another chart, or to
//   a KPI tile, does not; a series scope must match when a series is asked about. Asked about a metric,
//   only unscoped notes and notes for that metric match. Scope values take * wildcards too.
// - More specific notes come first (scopes matched), then the newest edit.

export interface NoteQuery {
  url: string;
  chartId?: string;
  chartTitle?: string;
  series?: string;
  /** A KPI tile's id or label. */
  metric?: string;
}

/** Where a finding is, as a note query: its board, and its chart and series when they are known
 *  (a triage record carries them). One form for the proposal card and the export, so both flag the same. */
export function findingWhere(url: string, f?: { chartId?: string; chartTitle?: string; series?: string }): NoteQuery {
  return {
    url,
    ...(f?.chartId ? { chartId: f.chartId } : {}),
    ...(f?.chartTitle ? { chartTitle: f.chartTitle } : {}),
    ...(f?.series ? { series: f.series } : {}),
  };
}

export type MatchedOn = 'dashboard' | 'chart' | 'series' | 'metric';

export interface NoteMatch {
  note: NoteRow;
  /** The scopes this note was matched on, broadest first. */
  matchedOn: MatchedOn[];
}

function escapeRegExp(s: string): string {
  return s.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
}

/** A * wildcard pattern as a whole-string, case-insensitive test. */
export function wildcard(pattern: string): (value: string) => boolean {
  const p = pattern.trim();
  const re = new RegExp(`^${p.split('*').map(escapeRegExp).join('.*')}$`, 'i');
  return (value) => re.test(value.trim());
}

/** Whether a note's dashboard pattern covers a board URL. */
export function urlMatches(pattern: string, url: string): boolean {
  const p = pattern.trim();
  if (p === '*') return true;
  // An exact pattern is a board URL: normalise it like the URL; a trailing slash never matters.
  const normal = p.includes('*') || !p.includes('://') ? p : dashboardKey(p);
  const test = wildcard((normal.includes('://') ? normal : `*://${normal}`).replace(/\/+$/, ''));
  const strip = (s: string) => s.replace(/\/+$/, '');
  // "…/growth/*" covers the board at "…/growth/" itself, whose trailing slash was stripped.
  return [strip(dashboardKey(url)), strip(url)].some((u) => test(u) || test(`${u}/`));
}

function scopeMatches(pattern: string | undefined, ...values: (string | undefined)[]): boolean {
  if (pattern === undefined) return true;
  const test = wildcard(pattern);
  return values.some((v) => v !== undefined && test(v));
}

/** The notes that apply to a board, or to one chart, series or KPI tile on it; most specific first. */
export function matchNotes(notes: readonly NoteRow[], query: NoteQuery): NoteMatch[] {
  const askedChart = query.chartId !== undefined || query.chartTitle !== undefined;
  const askedMetric = query.metric !== undefined;
  const out: NoteMatch[] = [];
  for (const note of notes) {
    if (!urlMatches(note.dashboard, query.url)) continue;
    const s = note.scope ?? {};
    const on: MatchedOn[] = ['dashboard'];
    if (askedChart) {
      if (s.metric !== undefined) continue;
      if (!scopeMatches(s.chart, query.chartId, query.chartTitle)) continue;
      if (query.series !== undefined && !scopeMatches(s.series, query.series)) continue;
      if (s.chart !== undefined) on.push('chart');
      if (s.series !== undefined && query.series !== undefined) on.push('series');
    } else if (askedMetric) {
      if (s.chart !== undefined || s.series !== undefined) continue;
      if (!scopeMatches(s.metric, query.metric)) continue;
      if (s.metric !== undefined) on.push('metric');
    } else if (query.series !== undefined) {
      if (!scopeMatches(s.series, query.series)) continue;
      if (s.series !== undefined) on.push('series');
    }
    out.push({ note, matchedOn: on });
  }
  return out.sort((a, b) =>
    b.matchedOn.length - a.matchedOn.length
    || b.note.updatedAt.localeCompare(a.note.updatedAt)
    || a.note.uid.localeCompare(b.note.uid));
}
