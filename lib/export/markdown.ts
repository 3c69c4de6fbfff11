import type { Export } from './schema';
import * as t from './text';

// Markdown for a ticket or a chat message ("Copy as Markdown"). Every text is escaped so page text
// (a chart titled "<img onerror=…>" or "**urgent**") shows as written and cannot add links, images or
// HTML where the Markdown is pasted. Chart images are not inlined by default: data URLs would flood a
// ticket; the HTML report carries them.

/** Backslash-escapes Markdown syntax and folds newlines, so a text stays one literal line. */
export function mdEscape(s: string): string {
  // Brackets, not parentheses, make links and images, so escaping [ ] is enough for those; a leading
  // list, heading or numbered-list marker is escaped so a text cannot start a block of its own.
  return s.replace(/\s*[\r\n]+\s*/g, ' ').replace(/[\\`*_[\]<>|~&]/g, (c) => `\\${c}`).replace(/^([-=+#]|\d+\.)/, '\\$1');
}

export interface MarkdownOptions {
  /** Inline chart images as data URLs (large); default false. */
  images?: boolean;
}

function section(title: string, lines: string[]): string[] {
  return lines.length ? [`## ${title}`, '', ...lines, ''] : [];
}

function item(head: string, details: string[] = []): string[] {
  return [`- ${mdEscape(head)}`, ...details.map((d) => `  - ${mdEscape(d)}`)];
}

export function toMarkdown(exp: Export, opts: MarkdownOptions = {}): string {
  const out: string[] = [`# ${t.TITLE}`, '', mdEscape(t.scopeLine(exp)), ''];
  out.push(...section('Dashboards', exp.dashboards.flatMap((d) => { const [h, ...rest] = t.dashboardLines(d); return item(h, rest); })));
  out.push(...section('Charts', exp.charts.flatMap((c) => {
    const line = item(`${c.title} (${c.chartId})${t.marksLine(c, false)}`);
    return opts.images && c.image ? [...line, `  ![${mdEscape(c.title)}](${c.image})`] : line;
  })));
  out.push(...section('Findings', exp.findings.flatMap((f) => [
    `- **${mdEscape(`[${f.id}] ${f.title}`)}**`,
    ...[t.findingMeta(f), ...t.findingDetails(f)].map((d) => `  - ${mdEscape(d)}`),
  ])));
  out.push(...section('Evidence', exp.evidence.flatMap((e) => item(t.evidenceLine(e)))));
  out.push(...section('Explanations', exp.explanations.flatMap((e) => [
    `### ${mdEscape(t.explanationHead(e))}`, '', ...e.text.split(/\r?\n/).filter((l) => l.trim()).map((l) => `> ${mdEscape(l)}`), '',
    ...e.citations.flatMap((c) => item(t.citationLine(c))), '',
  ])));
  out.push(...section('Proposals and decisions', exp.proposals.flatMap((p) => { const [h, ...rest] = t.proposalLines(p); return item(h, rest); })));
  out.push(...section('Rules matched', exp.rules.flatMap((r) => item(t.ruleLine(r)))));
  out.push(...section('Sign-offs', exp.signoffs.flatMap((s) => item(t.signoffLine(s)))));
  out.push(...section('Steps applied and reverted', exp.steps.flatMap((s) => item(t.stepLine(s)))));
  out.push(...section('Flags', exp.feedback.flatMap((f) => item(t.feedbackLine(f)))));
  out.push(...section('Notes used', exp.notes.flatMap((n) => item(t.noteLine(n)))));
  out.push(...section('Decision log', exp.log.flatMap((l) => item(t.logLine(l)))));
  out.push(...section('Warnings', exp.warnings.flatMap((w) => item(w))));
  return `${out.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd()}\n`;
}
