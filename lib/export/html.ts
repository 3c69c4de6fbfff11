import type { Export, ExportChart } from './schema';
import * as t from './text';

// A self-contained report: one file that opens anywhere, prints to PDF cleanly and needs no Loupe.
// Inline CSS only, images only as raster data URLs (buildExport drops anything else), no scripts, no
// links, no external requests; a Content-Security-Policy says the same to the browser as a second
// line of defence. Every text, page text above all, goes through esc(): a chart titled
// `<img src=x onerror=alert(1)>` prints as those characters.

export function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}

const CSP = "default-src 'none'; img-src data:; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'";

const CSS = `
:root { color-scheme: light; }
body { font: 14px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1d232b; margin: 2rem auto; max-width: 60rem; padding: 0 1rem; }
h1 { font-size: 1.6rem; margin: 0 0 .25rem; } h2 { font-size: 1.2rem; border-bottom: 1px solid #d5dae0; padding-bottom: .25rem; margin-top: 2rem; }
h3 { font-size: 1rem; margin: 1rem 0 .25rem; } .muted { color: #5b6572; } ul { padding-left: 1.25rem; } li { margin: .2rem 0; }
.finding { border: 1px solid #d5dae0; border-radius: 6px; padding: .5rem .75rem; margin: .5rem 0; }
.finding.hidden { border-style: dashed; opacity: .85; } .finding h3 { margin-top: 0; }
blockquote { margin: .5rem 0; padding: .25rem .75rem; border-left: 3px solid #9aa4b1; background: #f5f7f9; white-space: pre-wrap; }
figure { margin: 1rem 0; } figcaption { font-size: .9rem; color: #5b6572; }
.frame { position: relative; display: inline-block; max-width: 100%; } .frame img { display: block; max-width: 100%; height: auto; border: 1px solid #d5dae0; }
.mark { position: absolute; transform: translate(-50%, -50%); background: #c2410c; color: #fff; font: 600 11px/1 system-ui, sans-serif; padding: 2px 4px; border-radius: 3px; }
.warn { color: #9a3412; } code { font-family: ui-monospace, monospace; font-size: .9em; }
@media print {
  body { margin: 0; max-width: none; font-size: 11pt; }
  section { break-before: page; } section:first-of-type { break-before: auto; }
  .finding, figure, li, blockquote { break-inside: avoid; } h2, h3 { break-after: avoid; }
  .mark { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}`;

function list(lines: string[], cls = ''): string {
  return lines.length ? `<ul${cls ? ` class="${cls}"` : ''}>${lines.map((l) => `<li>${esc(l)}</li>`).join('')}</ul>` : '';
}

function section(title: string, body: string, count: number): string {
  return count ? `<section><h2>${esc(title)}</h2>${body}</section>` : '';
}

function chart(c: ExportChart): string {
  // Marks already drawn into the image are not overlaid a second time; the caption still lists them.
  const marks = c.marksDrawn ? '' : c.marks.map((m) =>
    `<span class="mark" style="left:${m.xPct.toFixed(2)}%;top:${m.yPct.toFixed(2)}%" title="${esc(m.label ?? m.ref)}">${esc(m.ref)}</span>`).join('');
  const image = c.image ? `<div class="frame"><img src="${esc(c.image)}" alt="${esc(`Chart: ${c.title}`)}">${marks}</div>` : '<p class="muted">No image captured.</p>';
  return `<figure>${image}<figcaption>${esc(`${c.title} (${c.chartId})${t.marksLine(c)}`)}</figcaption></figure>`;
}

export function toHtml(exp: Export): string {
  const findings = exp.findings.map((f) =>
    `<div class="finding${f.suppressed ? ' hidden' : ''}"><h3>${esc(`[${f.id}] ${f.title}`)}</h3><p class="muted">${esc(t.findingMeta(f))}</p>${list(t.findingDetails(f))}</div>`).join('');
  const explanations = exp.explanations.map((e) =>
    `<h3>${esc(t.explanationHead(e))}</h3><blockquote>${esc(e.text)}</blockquote>${list(e.citations.map(t.citationLine))}`).join('');
  const proposals = exp.proposals.map((p) => {
    const [head, ...rest] = t.proposalLines(p);
    return `<h3>${esc(head)}</h3>${list(rest)}`;
  }).join('');
  const dashboards = exp.dashboards.map((d) => {
    const [head, ...rest] = t.dashboardLines(d);
    return `<h3>${esc(head)}</h3>${list(rest)}`;
  }).join('');
  const body = [
    `<header><h1>${esc(t.TITLE)}</h1><p class="muted">${esc(t.scopeLine(exp))}</p></header>`,
    section('Dashboards', dashboards, exp.dashboards.length),
    section('What was seen', exp.charts.map(chart).join(''), exp.charts.length),
    section('Findings', findings, exp.findings.length),
    section('Evidence', list(exp.evidence.map(t.evidenceLine)), exp.evidence.length),
    section('Explanations', explanations, exp.explanations.length),
    section('Proposals and decisions', proposals, exp.proposals.length),
    section('Rules matched', list(exp.rules.map(t.ruleLine)), exp.rules.length),
    section('Sign-offs', list(exp.signoffs.map(t.signoffLine)), exp.signoffs.length),
    section('Steps applied and reverted', list(exp.steps.map(t.stepLine)), exp.steps.length),
    section('Flags', list(exp.feedback.map(t.feedbackLine)), exp.feedback.length),
    section('Notes used', list(exp.notes.map(t.noteLine)), exp.notes.length),
    section('Decision log', list(exp.log.map(t.logLine)), exp.log.length),
    section('Warnings', list(exp.warnings, 'warn'), exp.warnings.length),
  ].join('\n');
  return [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${CSP}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${esc(`${t.TITLE}${exp.dashboards[0] ? ` — ${exp.dashboards[0].title}` : ''}`)}</title>`,
    `<style>${CSS}</style></head>`,
    `<body>\n${body}\n</body></html>`,
    '',
  ].join('\n');
}
