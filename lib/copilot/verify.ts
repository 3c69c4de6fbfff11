import type { Evidence, Finding } from '../evidence/schema';
import { extractNumbers, type NumberToken } from './numbers';
import { splitSentences } from './sentences';

// The citation verifier: "cite or say nothing". Every number in an answer must match, within the
// precision it is written with, a value of an evidence item its sentence cites.
//
// Matching rules (documented here because people and prompts rely on them):
// - A number matches a value when |written − value| ≤ half a unit of its last shown digit
//   ("15%" covers 14.5–15.5, "15.2%" covers 15.15–15.25; "$12.3K" covers 12,250–12,350).
//   "about/around/roughly/~" widens that to 10%; "more than / over" accepts values from the
//   number up to 25% above it; "less than / under / up to" from the number down to 25% below.
// - Unsigned numbers match the absolute value ("fell 15%" matches changePct −15.2); a written
//   sign (+15%, −15%) must match the sign too.
// - Percents match any value as is, ×100 (a ratio 0.342 said as 34.2%) or ÷100, but not a
//   percentage-point difference (keys ending in "Pp"): 6.3 pp is not 6.3%.
// - Percentage points ("pp", "percentage points") match *Pp values and differences of two levels
//   of a percent-unit item (or two shares); never a relative change (keys ending in "Pct").
// - Multipliers ("2.3x", "twice") match values, 1 + changePct/100, and ratios of two levels.
//   "doubled/tripled/halved" match a changePct near +100/+200/−50 or such a ratio.
// - Fractions ("a third", "half") match a percent or ratio within a few points of the fraction.
// - Money ($, €, £, ¥ with K/M/B) matches levels; not when the evidence unit is another currency or %.
// - Dates (2026-10-10, Oct 10, 10 Oct 2026, 10/10, Oct 2026) match the evidence's points; a date
//   without a year matches any year. A bare year (2026) matches a point's year or a value.
// - Durations ("3 days", "2 weeks", "last 7 days", "7-day") match a value, the same number with the
//   same unit in the evidence's claim or method (a window the evidence names), or the distance
//   between two of its date points (counted with or without both ends).
// - Ranks and names ("step 2", "top 3", "#1", "3rd") match when a cited item has at least that
//   many points, or that value.
// - Ranges ("10–15%") are supported when both ends match, or when a cited value lies inside a
//   range that is not wider than a quarter of its midpoint.
// - Numbers inside citation markers, markdown list numbers, identifiers glued to letters (GA4, E3,
//   Q3) and “quoted names” that appear in the evidence's claims (a chart called “Top 10 pages”)
//   or in what people wrote (opts.peoplesWords: “the 1 Nov drop was an outage”) are not claims. Number words ("three charts") are not read.
// Statuses: unsupported (nothing cited matches, or the sentence cites nothing), unknown-citation
// (the sentence cites an id that does not exist), wrong-chart (only evidence of another chart
// than opts.chartId matches).

export type NumberStatus = 'ok' | 'unsupported' | 'unknown-citation' | 'wrong-chart';

export interface CheckedNumber {
  text: string;
  value: number;
  unit?: string;
  kind: NumberToken['kind'];
  start: number;
  end: number;
  sentence: string;
  cites: string[];
  status: NumberStatus;
  matchedEvidence?: string;
}

export interface VerifyResult {
  numbers: CheckedNumber[];
  /** Numbers that are not ok (unsupported, unknown citation or wrong chart). */
  unsupported: number;
  ok: boolean;
  /** Cited ids that exist nowhere, even in sentences without numbers. */
  unknownCitations: string[];
}

export interface VerifyOptions {
  /** The chart the answer is about: evidence of other charts then does not count. */
  chartId?: string;
  /** Findings, so [F1] counts as citing the finding's own numbers and its evidence. */
  findings?: Finding[];
  /** Ids of notes that may be cited ([N1]); they exist but back no number. */
  noteIds?: string[];
  /** What people wrote (notes, reasons): a “quoted” span from one of these is their words, not a claim. */
  peoplesWords?: string[];
}

const DAY = 86_400_000;

function keyClass(k: string): 'pct' | 'pp' | 'share' | 'count' | 'level' {
  if (/Pct$/.test(k)) return 'pct';
  if (/Pp$/.test(k)) return 'pp';
  if (/share$/i.test(k)) return 'share';
  if (/^n[A-Z]|Days$|Weeks$|Count$/.test(k)) return 'count';
  return 'level';
}

function within(tok: NumberToken, x: number, tol = tok.tolerance): boolean {
  const w = tok.value;
  const v = tok.signed ? x : Math.abs(x);
  const eps = 1e-9 * Math.max(1, Math.abs(w));
  if (tok.hedge === 'approx') return Math.abs(v - w) <= Math.max(tol, 0.1 * Math.abs(w)) + eps;
  // "More than 15%" is false for 14.8; "less than 15%" is false for 15.3: no rounding slack inward.
  if (tok.hedge === 'at-least') return v >= w - eps && v <= w * 1.25 + tol + eps;
  if (tok.hedge === 'at-most') return v <= w + eps && v >= w * 0.75 - tol - eps;
  return Math.abs(v - w) <= tol + eps;
}

function pointDay(x: string | number): { y: number; m: number; d: number; ms: number; hm?: number } | null {
  if (typeof x !== 'string') return null;
  const m = /^(\d{4})-(\d{2})(?:-(\d{2}))?(?:[T ](\d{2}):(\d{2}))?/.exec(x.trim());
  if (!m) return null;
  const y = +m[1];
  const mo = +m[2];
  const d = m[3] ? +m[3] : 1;
  return { y, m: mo, d, ms: Date.UTC(y, mo - 1, d), hm: m[4] ? +m[4] * 60 + +m[5] : undefined };
}

function levels(e: Evidence): number[] {
  return Object.entries(e.values).filter(([k]) => keyClass(k) === 'level').map(([, v]) => v);
}

function pairs(a: number[], f: (x: number, y: number) => number | null): number[] {
  const out: number[] = [];
  for (let i = 0; i < a.length; i++) for (let j = 0; j < a.length; j++) {
    if (i === j) continue;
    const r = f(a[i], a[j]);
    if (r !== null && Number.isFinite(r)) out.push(r);
  }
  return out;
}

function candidates(tok: NumberToken, e: Evidence): number[] {
  const vals = Object.entries(e.values);
  const all = vals.map(([, v]) => v);
  switch (tok.kind) {
    case 'percent': {
      const xs = vals.filter(([k]) => keyClass(k) !== 'pp' && keyClass(k) !== 'count').map(([, v]) => v);
      xs.push(e.confidence);
      return xs.flatMap((v) => [v, v * 100, v / 100]);
    }
    case 'pp':
    case 'points': {
      const pp = vals.filter(([k]) => keyClass(k) === 'pp').map(([, v]) => v);
      const lv = e.unit === '%' ? levels(e) : [];
      const shares = vals.filter(([k]) => keyClass(k) === 'share').map(([, v]) => v);
      const diffs = [...pairs(lv, (a, b) => a - b), ...pairs(shares, (a, b) => a - b)];
      const ratioDiffs = e.unit === '%' ? [] : pairs(levels(e).filter((v) => v >= 0 && v <= 1), (a, b) => (a - b) * 100);
      const plain = tok.kind === 'points' ? all.filter((_, i) => keyClass(vals[i][0]) !== 'pct') : [];
      return [...pp, ...diffs, ...ratioDiffs, ...plain];
    }
    case 'multiplier':
    case 'change-word': {
      const pct = vals.filter(([k]) => keyClass(k) === 'pct').map(([, v]) => 1 + v / 100);
      const ratios = pairs(levels(e).filter((v) => v > 0), (a, b) => a / b);
      return [...all, ...pct, ...ratios];
    }
    case 'currency': {
      if (e.unit && (e.unit === '%' || (/^[A-Z]{3}$/.test(e.unit) && e.unit !== tok.unit))) return [];
      return vals.filter(([k]) => keyClass(k) === 'level' || keyClass(k) === 'count').map(([, v]) => v);
    }
    case 'fraction':
      return [...all, ...all.map((v) => v * 100), ...pairs(levels(e).filter((v) => v > 0), (a, b) => a / b)];
    default: {
      const nums = e.points.filter((p): p is number => typeof p === 'number');
      return [...all, ...nums, e.confidence];
    }
  }
}

/** Whole-unit distances between the evidence's date points, in the token's unit. */
function spans(e: Evidence, unit: string | undefined): number[] {
  const ds = e.points.map(pointDay).filter((p): p is NonNullable<ReturnType<typeof pointDay>> => p !== null);
  const per = unit === 'weeks' ? 7 : unit === 'months' ? 30.4375 : unit === 'years' ? 365.25 : unit === 'days' ? 1 : 0;
  if (!per || ds.length > 60) return [];
  const out: number[] = [];
  for (const a of ds) for (const b of ds) {
    if (b.ms <= a.ms) continue;
    const days = (b.ms - a.ms) / DAY;
    out.push(days / per, (days + 1) / per);
  }
  return out;
}

function supports(tok: NumberToken, e: Evidence): boolean {
  switch (tok.kind) {
    case 'date': {
      const p = tok.date ?? {};
      return e.points.some((x) => {
        const d = pointDay(x);
        if (!d) return false;
        const hit = (m?: number, day?: number) => (p.y === undefined || p.y === d.y) && (m === undefined || m === d.m)
          && (day === undefined || day === d.d || (p.d2 !== undefined && day === p.d && d.d >= p.d && d.d <= p.d2));
        return hit(p.m, p.d) || (p.alt !== undefined && hit(p.alt.m, p.alt.d));
      });
    }
    case 'time':
      return e.points.some((x) => pointDay(x)?.hm === tok.value);
    case 'year':
      return e.points.some((x) => pointDay(x)?.y === tok.value) || candidates(tok, e).some((v) => within(tok, v));
    case 'ordinal':
      return e.points.length >= tok.value || Object.values(e.values).some((v) => v === tok.value);
    case 'duration': {
      if (Object.values(e.values).some((v) => within(tok, v))) return true;
      const n = String(tok.value);
      const unitWord = (tok.unit ?? '').replace(/s$/, '');
      const named = new RegExp(String.raw`(?<![\d.])${n.replace('.', '\\.')}(?:[\s-]?${unitWord}s?\b|${unitWord[0] ?? '#'}\b)`, 'i');
      if (named.test(e.claim) || named.test(e.method)) return true;
      return spans(e, tok.unit).some((v) => within(tok, v));
    }
    case 'fraction':
    case 'change-word': {
      const inPct = (v: number) => tok.pctRange !== undefined && v >= tok.pctRange[0] && v <= tok.pctRange[1];
      const inRatio = (v: number) => tok.ratioRange !== undefined && v >= tok.ratioRange[0] && v <= tok.ratioRange[1];
      if (tok.kind === 'change-word') {
        const pct = Object.entries(e.values).filter(([k]) => keyClass(k) === 'pct').map(([, v]) => v);
        return pct.some(inPct) || candidates(tok, e).some(inRatio);
      }
      return candidates(tok, e).some((v) => inPct(v) || inRatio(v));
    }
    case 'multiplier':
      if (tok.ratioRange) return candidates(tok, e).some((v) => v >= tok.ratioRange![0] && v <= tok.ratioRange![1]);
      return candidates(tok, e).some((v) => within(tok, v));
    default: {
      const cs = candidates(tok, e);
      if (tok.high === undefined) return cs.some((v) => within(tok, v));
      const lo = { ...tok };
      const hi = { ...tok, value: tok.high };
      if (cs.some((v) => within(lo, v)) && cs.some((v) => within(hi, v))) return true;
      const mid = (tok.value + tok.high) / 2;
      const narrow = tok.high - tok.value <= 0.25 * Math.abs(mid) + tok.tolerance * 2;
      return narrow && cs.some((v) => Math.abs(v) >= tok.value - tok.tolerance && Math.abs(v) <= tok.high! + tok.tolerance);
    }
  }
}

/** A finding cited as [F1] backs its own numbers (before, after, changePct, confidence) and its title's date. */
function findingEvidence(f: Finding): Evidence {
  return {
    id: f.id, chartId: f.chartId, series: f.series, claim: f.title, unit: f.unit, points: [f.at],
    values: { before: f.before, after: f.after, changePct: f.changePct }, method: `finding/${f.kind}`,
    confidence: f.confidence,
  };
}

const onChart = (e: Evidence, chartId: string) => e.chartId === chartId || (e.relatedChartIds ?? []).includes(chartId);

export function verifyText(text: string, evidence: Evidence[], opts: VerifyOptions = {}): VerifyResult {
  const byId = new Map(evidence.map((e) => [e.id, e]));
  const findings = new Map((opts.findings ?? []).map((f) => [f.id, f]));
  const notes = opts.noteIds ? new Set(opts.noteIds) : null;
  const claims = evidence.map((e) => e.claim);
  const words = opts.peoplesWords ?? [];
  const isName = (inner: string) => claims.some((c) => c.includes(inner)) || words.some((w) => w.includes(inner));
  const numbers: CheckedNumber[] = [];
  const unknownCitations = new Set<string>();

  for (const s of splitSentences(text)) {
    const cited: Evidence[] = [];
    const unknown: string[] = [];
    for (const id of s.cites) {
      if (id.startsWith('E')) {
        const e = byId.get(id);
        if (e) cited.push(e);
        else unknown.push(id);
      } else if (id.startsWith('F')) {
        const f = findings.get(id);
        if (!f) unknown.push(id);
        else {
          cited.push(findingEvidence(f));
          for (const eid of f.evidenceIds) {
            const e = byId.get(eid);
            if (e) cited.push(e);
          }
        }
      } else if (notes && !notes.has(id)) unknown.push(id);
    }
    unknown.forEach((id) => unknownCitations.add(id));
    // A sentence that reports what people told Loupe (a line of opts.peoplesWords) makes no claim
    // about the dashboard: "you flagged this on Nov 26" is their history, not a chart's number.
    const body = s.text.replace(/^\s*[-*+•]\s+/, '').trim();
    if (body.length > 20 && words.some((w) => w.includes(body))) continue;
    for (const tok of extractNumbers(s, isName)) {
      const match = cited.filter((e) => supports(tok, e));
      const here = opts.chartId ? match.filter((e) => onChart(e, opts.chartId!)) : match;
      let status: NumberStatus;
      if (!s.cites.length) status = 'unsupported';
      else if (unknown.length) status = 'unknown-citation';
      else if (here.length) status = 'ok';
      else if (match.length) status = 'wrong-chart';
      else status = 'unsupported';
      const best = here[0] ?? match[0];
      numbers.push({
        text: tok.text, value: tok.value, ...(tok.unit ? { unit: tok.unit } : {}), kind: tok.kind,
        start: tok.start, end: tok.end, sentence: s.text, cites: s.cites, status,
        ...(best ? { matchedEvidence: best.id } : {}),
      });
    }
  }
  const unsupported = numbers.filter((n) => n.status !== 'ok').length;
  return { numbers, unsupported, ok: unsupported === 0, unknownCitations: [...unknownCitations] };
}
