import { Fragment, type ReactNode } from 'react';
import { CITATION } from '@/lib/copilot/sentences';
import { verifyText, type CheckedNumber } from '@/lib/copilot/verify';
import type { Evidence, Finding } from '@/lib/evidence/schema';
import { EvidenceChip } from './EvidenceChip';
import { plural } from './format';
import { PageText } from './PageText';

type Piece =
  | { kind: 'text'; text: string }
  | { kind: 'quote'; text: string }
  | { kind: 'cite'; ids: string[] }
  | { kind: 'unsupported'; text: string };

type Range = { start: number; end: number; piece: Piece };

/** Splits one line of the explainer's text into plain text, quoted page names, citation markers and
 *  numbers the verifier could not back. `offset` is where the line starts in the verified text. */
export function pieces(line: string, offset: number, bad: CheckedNumber[]): Piece[] {
  const ranges: Range[] = [];
  for (const m of line.matchAll(CITATION)) {
    // The space before a marker goes with it: the chip sits right after the word it backs.
    const start = m.index > 0 && line[m.index - 1] === ' ' ? m.index - 1 : m.index;
    ranges.push({ start, end: m.index + m[0].length, piece: { kind: 'cite', ids: m[1].split(/\s*[,;]\s*/) } });
  }
  // Names of charts, series and categories come from the page: the explainer puts them in “curly quotes”.
  for (const m of line.matchAll(/“([^”]*)”/g)) {
    ranges.push({ start: m.index, end: m.index + m[0].length, piece: { kind: 'quote', text: m[1] } });
  }
  for (const n of bad) {
    const start = n.start - offset;
    const end = n.end - offset;
    if (start >= 0 && end <= line.length) ranges.push({ start, end, piece: { kind: 'unsupported', text: line.slice(start, end) } });
  }
  ranges.sort((a, b) => a.start - b.start || b.end - a.end);
  const out: Piece[] = [];
  let at = 0;
  for (const r of ranges) {
    if (r.start < at) continue; // overlaps an earlier range (a number inside a quoted name)
    if (r.start > at) out.push({ kind: 'text', text: line.slice(at, r.start) });
    out.push(r.piece);
    at = r.end;
  }
  if (at < line.length) out.push({ kind: 'text', text: line.slice(at) });
  return out;
}

function render(parts: Piece[]): ReactNode {
  return parts.map((p, i) => {
    switch (p.kind) {
      case 'text': return <Fragment key={i}>{p.text}</Fragment>;
      case 'quote': return <PageText key={i} text={p.text} />;
      case 'cite': return <span key={i} className="cites"> {p.ids.map((id) => <EvidenceChip key={id} id={id} />)}</span>;
      case 'unsupported':
        return (
          <span key={i} className="unsupported">
            <span className="unsupported-number">{p.text}</span>
            <span className="unsupported-note"> (not found in the dashboard)</span>
          </span>
        );
    }
  });
}

interface Props {
  /** The explainer's markdown: "## " / "### " headings, "- " bullets, plain paragraphs. */
  markdown: string;
  evidence: Evidence[];
  findings: Finding[];
  /** For a chart's explanation: evidence of other charts does not back its numbers. */
  chartId?: string;
  headingLevel?: 3 | 4;
}

/** The explainer's text as plain React text (never HTML): citation chips, quoted page names, and every
 *  number the verifier could not match to cited evidence underlined with "not found in the dashboard". */
export function ExplainText({ markdown, evidence, findings, chartId, headingLevel = 3 }: Props) {
  const checked = verifyText(markdown, evidence, { findings, ...(chartId ? { chartId } : {}) });
  const bad = checked.numbers.filter((n) => n.status !== 'ok');
  const Heading = headingLevel === 3 ? 'h3' : 'h4';
  const blocks: ReactNode[] = [];
  let bullets: ReactNode[] = [];
  const flush = () => {
    if (bullets.length) blocks.push(<ul key={`ul-${blocks.length}`} className="explain-bullets">{bullets}</ul>);
    bullets = [];
  };
  let offset = 0;
  for (const raw of markdown.split('\n')) {
    const start = offset;
    offset += raw.length + 1;
    const head = /^#{2,6}\s+/.exec(raw);
    const bullet = /^[-*]\s+/.exec(raw);
    if (!raw.trim()) continue;
    if (bullet) {
      bullets.push(<li key={start}>{render(pieces(raw.slice(bullet[0].length), start + bullet[0].length, bad))}</li>);
      continue;
    }
    flush();
    if (head) blocks.push(<Heading key={start} className="explain-heading">{render(pieces(raw.slice(head[0].length), start + head[0].length, bad))}</Heading>);
    else blocks.push(<p key={start}>{render(pieces(raw, start, bad))}</p>);
  }
  flush();
  const numbers = checked.numbers.length;
  return (
    <div className="explain-text">
      <p className={`verify-line ${bad.length ? 'verify-bad' : 'verify-ok'}`}>
        {bad.length
          ? `${plural(bad.length, 'number')} could not be found in the dashboard's evidence; ${bad.length === 1 ? 'it is' : 'they are'} underlined.`
          : numbers ? 'Every number here matches the evidence it cites.' : 'Written from the evidence Loupe read.'}
      </p>
      {blocks}
    </div>
  );
}
