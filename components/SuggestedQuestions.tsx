import type { Finding } from '@/lib/evidence/schema';
import type { DashboardSnapshot } from '@/lib/snapshot/schema';
import { WithPageNames } from './WithPageNames';

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MAX = 4;

/** The dimension a chart breaks down by: "Signups by channel" → "channel". */
function breakdownOf(title: string): string | undefined {
  const m = /\bby\s+([\p{L}][\p{L}\s-]{1,30})$/iu.exec(title.trim());
  return m ? m[1].trim().toLowerCase() : undefined;
}

/** Questions a non-analyst might ask of this board, from its findings first, then its charts. */
export function suggestQuestions(snapshot: DashboardSnapshot, findings: Finding[]): string[] {
  const out: string[] = [];
  const add = (q: string) => { if (!out.includes(q)) out.push(q); };
  for (const f of findings.slice(0, 2)) {
    if (f.kind === 'anomaly') add(`What happened to ${f.series} on ${String(f.at)}?`);
    else add(`Why did ${f.series} ${f.changePct < 0 ? 'fall' : 'rise'}?`);
  }
  const day = new Date(snapshot.readAt);
  if (!Number.isNaN(day.getTime())) add(`Is this normal for a ${WEEKDAYS[day.getUTCDay()]}?`);
  for (const c of snapshot.charts) {
    const by = breakdownOf(c.title);
    if (by && (c.kind === 'bar' || c.kind === 'pie' || c.kind === 'table' || c.series.length > 1)) {
      add(`Which ${by} is doing best?`);
      break;
    }
  }
  if (snapshot.charts.length > 1) add('Which chart changed the most?');
  add('What should I look at first on this dashboard?');
  return out.slice(0, MAX);
}

/** Suggested questions as buttons: one click asks it. `names` are the page's own names the questions
 *  quote (series, chart titles), shown as quoted page text. */
export function SuggestedQuestions({ questions, onAsk, disabled, names = [] }: { questions: string[]; onAsk: (q: string) => void; disabled?: boolean; names?: string[] }) {
  if (!questions.length) return null;
  return (
    <section className="suggestions" aria-labelledby="suggested-heading">
      <h2 id="suggested-heading" className="section-title">Suggested questions</h2>
      <ul className="suggestion-list">
        {questions.map((q) => (
          <li key={q}>
            <button type="button" className="button suggestion" disabled={disabled} onClick={() => onAsk(q)}><WithPageNames text={q} names={names} /></button>
          </li>
        ))}
      </ul>
    </section>
  );
}
