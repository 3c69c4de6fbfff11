import { confidenceWord, fmtPct, fmtValue, fmtX } from '../evidence/format';
import type { Export } from './schema';

// The sentences of a report, written once and rendered by markdown.ts and html.ts (which escape
// them for their format). Plain strings, unescaped: page text goes in as-is and is escaped on output.

type Row<K extends keyof Export> = Export[K] extends (infer T)[] ? T : never;

export const TITLE = 'Loupe review';

export function scopeLine(exp: Export): string {
  const parts = [
    exp.scope.dashboard ? `Dashboard ${exp.scope.dashboard}` : 'All dashboards',
    exp.scope.from || exp.scope.to ? `from ${exp.scope.from ?? 'the start'} to ${exp.scope.to ?? 'now'}` : 'all dates',
    `generated ${exp.generatedAt}`,
  ];
  return parts.join(' · ');
}

export function dashboardLines(d: Row<'dashboards'>): string[] {
  const c = d.context;
  const context = [c?.dateRange, c?.comparison, c?.timezone, ...(c?.filters ?? [])].filter(Boolean).join(' · ');
  return [`${d.title || d.url}${d.tool ? ` (${d.tool})` : ''}`, `${d.url} · read ${d.readAt}`, ...(context ? [`As shown: ${context}`] : [])];
}

export function confidenceText(c: number): string {
  return `${confidenceWord(c)} (${c.toFixed(2)})`;
}

export function findingMeta(f: Row<'findings'>): string {
  const conf = f.originalConfidence !== undefined && f.originalConfidence !== f.confidence
    ? `confidence ${confidenceText(f.confidence)}, was ${confidenceText(f.originalConfidence)}`
    : `confidence ${confidenceText(f.confidence)}`;
  return `${f.kind} in “${f.series}” (chart ${f.chartId}) at ${fmtX(f.at)}: ${fmtValue(f.before, f.unit)} → ${fmtValue(f.after, f.unit)} (${fmtPct(f.changePct)}) · ${conf} · evidence ${f.evidenceIds.join(', ')}`;
}

/** Triage, suppression, adjustments and notes of a finding, one line each. */
export function findingDetails(f: Row<'findings'>): string[] {
  const t = f.triage;
  return [
    t ? `Triage: ${t.verdict}${t.reason ? ` — “${t.reason}”` : ''} (${t.actor}, ${t.createdAt})` : 'Triage: not triaged',
    ...(f.suppressed ? [`Hidden by Loupe: ${f.suppressed.reason}`] : []),
    ...f.adjustments.map((a) => `Confidence lowered: ${a.text}`),
    ...f.notes.map((n) => `Note${n.by ? ` by ${n.by}` : ''}: ${n.text}`),
    ...f.caveats.map((c) => `Could be wrong: ${c}`),
  ];
}

/** What a chart's image marks, each id once (an evidence item may mark several points), labels cut
 *  short: the full claim is in the evidence section. */
export function marksLine(c: Row<'charts'>, withLabels = true): string {
  const seen = new Map<string, string | undefined>();
  for (const m of c.marks) if (!seen.has(m.ref)) seen.set(m.ref, m.label);
  const cut = (l: string) => (l.length > 90 ? `${l.slice(0, 89)}…` : l);
  const refs = [...seen].map(([ref, label]) => (withLabels && label ? `${ref} (${cut(label)})` : ref));
  return refs.length ? ` — marked: ${refs.join(', ')}` : '';
}

export function evidenceLine(e: Row<'evidence'>): string {
  return `[${e.id}] ${e.claim} (${e.method}, confidence ${confidenceText(e.confidence)})`;
}

export function citationLine(c: Row<'explanations'>['citations'][number]): string {
  return `[${c.ref}] ${c.text ?? 'not found in this export'}`;
}

export function explanationHead(e: Row<'explanations'>): string {
  return `${e.question ? `Asked: ${e.question}` : 'Explanation'} (${e.at}${e.provider ? `, ${e.provider}` : ''})`;
}

export function proposalLines(p: Row<'proposals'>): string[] {
  const tradeoffs = [p.impact && `impact ${p.impact}`, p.risk && `risk ${p.risk}`, p.reversibility && `reversibility ${p.reversibility}`, p.affected && `affects ${p.affected}`]
    .filter(Boolean).join('; ');
  return [
    `${p.title} — ${p.status}${p.decidedBy ? ` by ${p.decidedBy}` : ''} (${p.createdAt})`,
    ...(p.declineReason ? [`Reason: ${p.declineReason}`] : []),
    ...(p.rationale ? [`Why: ${p.rationale}`] : []),
    ...(tradeoffs ? [`Tradeoffs: ${tradeoffs}`] : []),
    ...p.contradictions.map((c) => `Against a note: ${c}`),
  ];
}

export function ruleLine(r: Row<'rules'>): string {
  const n = r.requires.signoffs;
  return `${r.name}: ${r.message} (needs ${n} sign-off${n === 1 ? '' : 's'} from ${r.requires.role}${r.draftId !== undefined ? `, draft ${r.draftId}` : ''}, ${r.at})`;
}

export function signoffLine(s: Row<'signoffs'>): string {
  return `${s.name} (${s.role}) signed off “${s.rule}” on draft ${s.draftId} at ${s.at}${s.note ? `: ${s.note}` : ''}`;
}

export function stepLine(s: Row<'steps'>): string {
  return `Draft ${s.draftId}, ${s.stepId}: ${s.label} — ${s.state} at ${s.at}${s.before ? ` (before: ${s.before})` : ''}`;
}

export function feedbackLine(f: Row<'feedback'>): string {
  return `${f.kind} on ${f.target}${f.quote ? ` “${f.quote}”` : ''}${f.comment ? `: ${f.comment}` : ''} (${f.actor}, ${f.createdAt})`;
}

export function noteLine(n: Row<'notes'>): string {
  const scope = [n.scope.chart && `chart ${n.scope.chart}`, n.scope.series && `series ${n.scope.series}`, n.scope.metric && `metric ${n.scope.metric}`]
    .filter(Boolean).join(', ');
  return `${n.text}${n.by ? ` — ${n.by}` : ''} (on ${n.dashboard}${scope ? `, ${scope}` : ''}${n.period ? `, ${n.period.from} to ${n.period.to}` : ''})`;
}

export function logLine(l: Row<'log'>): string {
  return `${l.at} · ${l.kind} · ${l.actor.name}${l.actor.role ? ` (${l.actor.role})` : ''}: ${l.summary}`;
}
