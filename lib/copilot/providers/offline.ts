import { Evidence, Finding } from '../../evidence/schema';
import { DashboardSnapshot } from '../../snapshot/schema';
import { explainChart, explainDashboard } from '../explain';
import type { ChatRequest, ChatResult, Provider } from '../types';

// The offline engine: answers from the evidence alone with plain templates, no network. It never
// pretends to reason: it lists what the evidence shows, cites it, and says what needs a model.
// With the snapshot at hand it uses lib/copilot/explain.ts (the offline explainer's templates, for the
// chart the question names or the whole dashboard); without one, a small template over findings.

export const NEEDS_MODEL =
  'Offline mode lists what the charts show. Questions about why something changed, what to do next, or anything not in the charts need a model: pick one in settings.';

const MAX_FINDINGS = 3;

function words(s: string): string[] {
  return s.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter((w) => w.length > 2);
}

/** Findings about what the question names (a chart or series), else the strongest ones. */
export function pickFindings(question: string, findings: Finding[], evidence: Evidence[]): Finding[] {
  const q = new Set(words(question));
  const named = findings.filter((f) => {
    const claim = evidence.find((e) => f.evidenceIds.includes(e.id))?.claim ?? '';
    return [...words(f.series), ...words(f.chartId), ...words(claim)].some((w) => q.has(w));
  });
  return (named.length ? named : findings).slice(0, MAX_FINDINGS);
}

/** The one chart whose title or series the question names, if exactly one. */
export function namedChart(question: string, snapshot: DashboardSnapshot): string | undefined {
  const q = new Set(words(question));
  const hits = snapshot.charts.filter((c) => [...words(c.title), ...c.series.flatMap((s) => words(s.name))].some((w) => q.has(w)));
  return hits.length === 1 ? hits[0].id : undefined;
}

/** The offline answer: the explainer's text when a snapshot is given, else the findings template. */
/** A youToldUs() sentence as the offline answer shows it: their words in “curly quotes”, as Loupe
 *  quotes everything it did not write itself. */
export function toldLine(t: string): string {
  return t.replace(/: '(.+)'(\.?)$/, ': “$1”$2');
}

export function offlineAnswerFor(question: string, evidence: Evidence[], findings: Finding[], snapshot?: DashboardSnapshot, told: readonly string[] = []): string {
  const body = offlineBody(question, evidence, findings, snapshot);
  // Where people's verdicts and notes changed what is surfaced, the answer says so.
  const lines = told.slice(0, 5).map((t) => `- ${toldLine(t)}`);
  const learned = lines.length ? `\n\nWhat you told Loupe changed this answer:\n${lines.join('\n')}` : '';
  return body.replace(`\n\n${NEEDS_MODEL}`, `${learned}\n\n${NEEDS_MODEL}`);
}

function offlineBody(question: string, evidence: Evidence[], findings: Finding[], snapshot?: DashboardSnapshot): string {
  if (!snapshot) return offlineAnswer(question, evidence, findings);
  const chartId = namedChart(question, snapshot);
  const ex = chartId ? explainChart(snapshot, chartId, { evidence, findings }) : explainDashboard(snapshot, { evidence, findings });
  return `${ex.markdown.trim()}\n\n${NEEDS_MODEL}`;
}

export function offlineAnswer(question: string, evidence: Evidence[], findings: Finding[]): string {
  if (!findings.length) {
    const first = evidence[0];
    const seen = first ? `The charts were read (${first.claim} [${first.id}]), but nothing stood out as a notable change.` : 'No chart data was read from this page, so there is nothing to explain yet.';
    return `${seen}\n\n${NEEDS_MODEL}`;
  }
  const lines = pickFindings(question, findings, evidence).map((f) => {
    const cites = f.evidenceIds.map((id) => `[${id}]`).join('');
    const caveat = f.caveats[0] ? ` Caveat: ${f.caveats[0]}` : '';
    return `- ${f.title} ${cites} (confidence ${Math.round(f.confidence * 100)}%).${caveat}`;
  });
  return `What the charts show:\n${lines.join('\n')}\n\n${NEEDS_MODEL}`;
}

function parsed<T>(items: unknown[], schema: { safeParse(v: unknown): { success: boolean; data?: T } }): T[] {
  return items.flatMap((v) => {
    const r = schema.safeParse(v);
    return r.success && r.data !== undefined ? [r.data] : [];
  });
}

export function createOfflineProvider(): Provider {
  return {
    id: 'offline',
    label: 'Offline',
    supportsTools: false,
    available: async () => true,
    async chat(request: ChatRequest, o = {}): Promise<ChatResult> {
      const local = request.local;
      const evidence = parsed<Evidence>(local?.evidence ?? [], Evidence);
      const findings = parsed<Finding>(local?.findings ?? [], Finding);
      const snap = DashboardSnapshot.safeParse(local?.snapshot);
      const told = (local?.told ?? []).filter((t): t is string => typeof t === 'string');
      const text = offlineAnswerFor(local?.question ?? '', evidence, findings, snap.success ? snap.data : undefined, told);
      if (o.signal?.aborted) {
        return { text: '', toolCalls: [], finishReason: 'error', incomplete: true,
          error: { kind: 'aborted', message: 'Stopped. What arrived so far is kept.', retryable: true } };
      }
      o.onDelta?.(text);
      return { text, toolCalls: [], finishReason: 'stop', incomplete: false };
    },
  };
}
