import { confidenceWord, fmtPct, fmtValue, fmtX, moved, quote, seriesLabel } from '../evidence/format';
import type { Evidence, Finding } from '../evidence/schema';
import type { Chart, DashboardSnapshot } from '../snapshot/schema';
import { splitSentences } from './sentences';

// The offline explainer: plain-language templates over evidence and findings, no model. Every
// sentence that states a number cites the evidence it comes from ("… [E3]."), and every number is
// written by lib/evidence/format.ts, the same helper the evidence claims use, so the verifier can
// check the whole output (a test does).

export interface ExplainInput {
  evidence: Evidence[];
  findings: Finding[];
}

export interface ExplainedSentence {
  text: string;
  cites: string[];
}

export interface Explanation {
  markdown: string;
  sentences: ExplainedSentence[];
}

/** Per chart, at most this many evidence sentences: the summary and the most useful comparisons. */
const MAX_PER_CHART = 8;

/** Methods in the order a person wants to hear them; shares lists are long and come last. */
const ORDER = [
  'summary', 'partial-period', 'level-shift', 'anomaly', 'trend', 'period/last-7-days', 'period/same-weekday',
  'period/week-over-week', 'period/month-over-month', 'period/last-4-weeks', 'period/year-over-year',
  'categorical/top-bottom', 'funnel', 'categorical/share-of-total',
];

function rank(method: string): number {
  const i = ORDER.findIndex((m) => method.startsWith(m));
  return i < 0 ? ORDER.length : i;
}

class Writer {
  readonly lines: string[] = [];
  readonly sentences: ExplainedSentence[] = [];

  heading(text: string): void {
    if (this.lines.length) this.lines.push('');
    this.lines.push(text);
  }

  /** One bullet made of sentences, each carrying its own citation marker. */
  bullet(text: string, cites: string[]): void {
    const parts = splitSentences(text).map((s) => s.text);
    const marker = cites.length ? ` [${cites.join(', ')}]` : '';
    const out = parts.map((p) => {
      const body = p.replace(/[.!?]+$/, '');
      const stop = p.slice(body.length) || '.';
      const sentence = `${body}${marker}${stop}`;
      this.sentences.push({ text: sentence, cites: [...cites] });
      return sentence;
    });
    this.lines.push(`- ${out.join(' ')}`);
  }

  para(text: string): void {
    this.lines.push(text);
    this.sentences.push({ text, cites: [] });
  }

  done(): Explanation {
    return { markdown: `${this.lines.join('\n')}\n`, sentences: this.sentences };
  }
}

function labelOf(snapshot: DashboardSnapshot, f: Finding): string {
  const chart = snapshot.charts.find((c) => c.id === f.chartId);
  return chart ? seriesLabel(chart.title || chart.id, f.series, chart.series.length) : quote(f.series);
}

function findingSentences(w: Writer, snapshot: DashboardSnapshot, f: Finding, evidence: Map<string, Evidence>): void {
  const label = labelOf(snapshot, f);
  const u = f.unit;
  const cites = f.evidenceIds.filter((id) => evidence.has(id));
  const main = cites.slice(0, 1);
  let text: string;
  if (f.kind === 'level-shift') {
    text = `${label} ${moved(f.changePct)} ${fmtPct(Math.abs(f.changePct))} from ${fmtX(f.at)}: the average went from `
      + `${fmtValue(f.before, u)} to ${fmtValue(f.after, u)}.`;
  } else if (f.kind === 'anomaly') {
    text = `${label} was ${fmtValue(f.after, u)} on ${fmtX(f.at)}, ${fmtPct(Math.abs(f.changePct))} `
      + `${f.changePct > 0 ? 'above' : 'below'} the expected ${fmtValue(f.before, u)}; this looks like a one-off.`;
  } else {
    const e = evidence.get(main[0]);
    const end = e?.points[e.points.length - 1];
    text = `${label} ${moved(f.changePct)} steadily, ${fmtPct(Math.abs(f.changePct))} from ${fmtX(f.at)}`
      + `${end !== undefined ? ` to ${fmtX(end)}` : ''} along a fitted straight line (${fmtValue(f.before, u)} to ${fmtValue(f.after, u)}).`;
  }
  w.bullet(`${text} Confidence is ${confidenceWord(f.confidence)}.`, main);
  for (const c of f.caveats) w.bullet(`What could make this wrong: ${c.charAt(0).toLowerCase()}${c.slice(1)}`, cites);
}

function chartSection(w: Writer, chart: Chart, items: Evidence[]): void {
  const own = items.filter((e) => e.chartId === chart.id && !e.method.startsWith('co-occurrence'));
  if (!own.length) return;
  w.heading(`### ${quote(chart.title || chart.id)}`);
  if (!chart.exact) w.para('The values of this chart were estimated from its drawing, so small differences may not be real.');
  const picked = [...own].sort((a, b) => rank(a.method) - rank(b.method) || Number(a.id.slice(1)) - Number(b.id.slice(1)));
  for (const e of picked.slice(0, MAX_PER_CHART)) w.bullet(e.claim, [e.id]);
  if (picked.length > MAX_PER_CHART) w.para('More comparisons for this chart are in the evidence list.');
}

function explain(snapshot: DashboardSnapshot, input: ExplainInput, chartId?: string): Explanation {
  const w = new Writer();
  const evidence = new Map(input.evidence.map((e) => [e.id, e]));
  const relevant = (e: Evidence) => !chartId || e.chartId === chartId || (e.relatedChartIds ?? []).includes(chartId);
  const findings = input.findings.filter((f) => !chartId || f.chartId === chartId);
  const charts = snapshot.charts.filter((c) => !chartId || c.id === chartId);

  w.heading('## Notable changes');
  if (!findings.length) {
    w.para(input.evidence.length
      ? 'Nothing stands out: no change passed the checks for a lasting shift, a one-off spike or a steady trend.'
      : 'No chart data was read, so there is nothing to explain yet.');
  }
  for (const f of findings) findingSentences(w, snapshot, f, evidence);

  const together = input.evidence.filter((e) => e.method.startsWith('co-occurrence') && relevant(e));
  if (together.length) {
    w.heading('## Changes at the same time');
    for (const e of together) w.bullet(e.claim, [e.id]);
  }

  const withData = charts.filter((c) => input.evidence.some((e) => e.chartId === c.id));
  if (withData.length) w.heading(chartId ? '## This chart' : '## Chart by chart');
  for (const chart of withData) chartSection(w, chart, input.evidence);
  if (!chartId && withData.length < snapshot.charts.length && snapshot.charts.length) {
    w.para('Some charts had no readable data and are left out.');
  }
  return w.done();
}

export function explainDashboard(snapshot: DashboardSnapshot, input: ExplainInput): Explanation {
  return explain(snapshot, input);
}

export function explainChart(snapshot: DashboardSnapshot, chartId: string, input: ExplainInput): Explanation {
  if (!snapshot.charts.some((c) => c.id === chartId)) {
    return { markdown: 'That chart is not on this snapshot.\n', sentences: [{ text: 'That chart is not on this snapshot.', cites: [] }] };
  }
  return explain(snapshot, input, chartId);
}
