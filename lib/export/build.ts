import { dashboardKey } from '../db/schema';
import { urlMatches } from '../learning/match';
import type { z } from 'zod';
import {
  Export, EXPORT_FORMAT, EXPORT_VERSION, ExportInput, type ExportExplanationInput,
  type Citation, type ExportEvidence, type ExportExplanation, type ExportFinding,
} from './schema';

type ExplanationInput = z.infer<typeof ExportExplanationInput>;

// Gathers one reviewer export: validates the input, keeps one board or a date range, resolves every
// citation in explanations to the claim it stands for, and drops chart images that are not plain
// raster data URLs (an SVG or a remote URL could make the report fetch something or run code).
// Pure and deterministic: the same input and `generatedAt` give the same export.
//
// Filter rules (docs/export.md):
// - dashboard: rows whose board equals it (compared through dashboardKey) or matches it when it has *.
// - from/to (inclusive; a date alone covers the whole day): reads by readAt, findings by their read's
//   readAt, explanations, rules, sign-offs, steps and log events by when they happened, proposals and
//   feedback by createdAt. Evidence and charts follow the reads that are kept. Notes are context, not
//   events: the notes of kept boards are all kept.

const RASTER = /^data:image\/(?:png|jpeg|webp|gif);base64,[A-Za-z0-9+/]+={0,2}$/;

function boardFilter(pattern: string | undefined): (url: string) => boolean {
  if (!pattern) return () => true;
  if (pattern.includes('*')) return (url) => urlMatches(pattern, url);
  const key = dashboardKey(pattern);
  return (url) => dashboardKey(url) === key;
}

function rangeFilter(from: string | undefined, to: string | undefined): (t: string) => boolean {
  return (t) => (!from || t >= from) && (!to || (to.length <= 10 ? t.slice(0, to.length) <= to : t <= to));
}

/** Ids cited in a text: [E3], [F1], [N2], also grouped as [E3, E4]. */
export function citedIds(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/\[((?:[EFN]\d+)(?:\s*,\s*[EFN]\d+)*)\]/g)) {
    for (const id of m[1].split(/\s*,\s*/)) if (!out.includes(id)) out.push(id);
  }
  return out;
}

function resolve(
  e: ExplanationInput,
  evidence: ExportEvidence[], findings: ExportFinding[], warnings: string[],
): ExportExplanation {
  const sameRead = <T extends { dashboard: string; readAt?: string }>(x: T) =>
    dashboardKey(x.dashboard) === dashboardKey(e.dashboard) && (!e.readAt || !x.readAt || x.readAt === e.readAt);
  const citations = citedIds(e.text).map((ref): Citation => {
    let text: string | null = null;
    let kind: Citation['kind'] = 'note';
    // The claim the answer itself saw comes first: the export's E3 may be from a later read.
    const own = (e.evidenceRefs ?? []).find((r) => r.ref === ref)?.text;
    if (ref.startsWith('E')) { kind = 'evidence'; text = own ?? evidence.find((x) => x.id === ref && sameRead(x))?.claim ?? null; }
    else if (ref.startsWith('F')) { kind = 'finding'; text = own ?? findings.find((x) => x.id === ref && sameRead(x))?.title ?? null; }
    else text = (e.noteRefs ?? []).find((n) => n.ref === ref)?.text ?? null;
    if (text === null) warnings.push(`An explanation from ${e.at} cites [${ref}], which is not in this export.`);
    return { ref, kind, text };
  });
  const { noteRefs: _refs, evidenceRefs: _own, ...rest } = e;
  return { ...rest, citations };
}

/** The export for one board or a date range, validated against the documented schema. */
export function buildExport(input: ExportInput): Export {
  const src = ExportInput.parse(input);
  const { dashboard, from, to } = src.filter;
  const onBoard = boardFilter(dashboard);
  const inRange = rangeFilter(from, to);
  const keep = <T extends { dashboard: string }>(rows: T[], time: (r: T) => string) =>
    rows.filter((r) => onBoard(r.dashboard) && inRange(time(r)));
  const warnings: string[] = [];

  const dashboardsRows = src.dashboards.filter((d) => onBoard(d.url) && inRange(d.readAt));
  const reads = new Set(dashboardsRows.map((d) => `${dashboardKey(d.url)}|${d.readAt}`));
  const boards = new Set(dashboardsRows.map((d) => dashboardKey(d.url)));
  // Evidence and charts carry no time of their own: they follow the boards (and reads) kept.
  const ofKeptRead = (r: { dashboard: string; readAt?: string }) =>
    onBoard(r.dashboard) && (!from && !to ? true : boards.has(dashboardKey(r.dashboard)) && (!r.readAt || reads.has(`${dashboardKey(r.dashboard)}|${r.readAt}`)));

  const evidence = src.evidence.filter(ofKeptRead);
  const findings = keep(src.findings, (f) => f.readAt);
  const charts = src.charts.filter((c) => ofKeptRead({ dashboard: c.dashboard })).map((c) => {
    if (c.image === undefined || RASTER.test(c.image)) return c;
    warnings.push(`The image of chart “${c.title}” was left out: only PNG, JPEG, WebP or GIF data URLs are embedded.`);
    const { image: _image, ...rest } = c;
    return rest;
  });
  const explanations = keep(src.explanations, (e) => e.at).map((e) => resolve(e, evidence, findings, warnings));
  const notes = src.notes.filter((n) => (!dashboard && !from && !to)
    || dashboardsRows.some((d) => urlMatches(n.dashboard, d.url))
    || (dashboard !== undefined && !dashboard.includes('*') && urlMatches(n.dashboard, dashboard)));

  return Export.parse({
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    generatedAt: src.generatedAt,
    scope: { ...(dashboard ? { dashboard } : {}), ...(from ? { from } : {}), ...(to ? { to } : {}) },
    warnings,
    dashboards: dashboardsRows,
    charts,
    evidence,
    findings,
    explanations,
    proposals: keep(src.proposals, (p) => p.createdAt),
    rules: keep(src.rules, (r) => r.at),
    signoffs: keep(src.signoffs, (s) => s.at),
    steps: keep(src.steps, (s) => s.at),
    feedback: keep(src.feedback, (f) => f.createdAt),
    notes,
    log: keep(src.log, (l) => l.at),
  });
}
