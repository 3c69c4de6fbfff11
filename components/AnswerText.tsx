import type { Element, ElementContent, Root, RootContent } from 'hast';
import type { ReactNode } from 'react';
import Markdown, { type Components } from 'react-markdown';
import type { ChatEvidence, ChatMark } from '@/lib/db/chats';
import { CITATION } from '@/lib/copilot/sentences';
import { CitationChip } from './CitationChip';

// A model's answer as safe, readable text. The answer is untrusted (a model can be steered by the page
// it reads), so: raw HTML stays visible text and never becomes elements (no rehype-raw), images are
// never loaded (not even as <img>: a URL with data in it is a leak), links elsewhere than the dashboard's
// own origin are shown but not clickable, [E3] becomes a chip that shows its evidence on the page, and
// every number the verifier could not back is marked and says so to screen readers too.

export const NOT_FOUND = 'not found in the dashboard';
const REASONS: Record<ChatMark['status'], string> = {
  unsupported: `This number was ${NOT_FOUND}: no evidence it cites backs it.`,
  'unknown-citation': `This number was ${NOT_FOUND}: it cites evidence that does not exist.`,
  'wrong-chart': `This number was ${NOT_FOUND} on the chart it talks about.`,
};

export interface AnswerTextProps {
  text: string;
  /** Numbers the verifier could not back, as offsets into `text`. */
  marks?: ChatMark[];
  /** What the chips point at. */
  evidence: ChatEvidence[];
  /** The dashboard's origin: the only one whose links stay clickable. */
  pageOrigin?: string;
  onCite?: (item: ChatEvidence) => void;
}

const text = (value: string): ElementContent => ({ type: 'text', value });

/** A text node's [start, end) in the source, when it is known. */
function span(node: RootContent | ElementContent): [number, number] | null {
  const s = node.position?.start.offset;
  const e = node.position?.end.offset;
  return s === undefined || e === undefined ? null : [s, e];
}

/** Splits one text into text, citation chips and marked numbers. */
function split(value: string, at: [number, number] | null, marks: ChatMark[], inLink: boolean): ElementContent[] {
  const cuts: Array<{ from: number; to: number; node: ElementContent }> = [];
  if (at) {
    for (const m of marks) {
      if (m.start < at[0] || m.start >= at[1]) continue;
      // Offsets are exact unless escapes shifted the text; then the nearest occurrence is the one.
      const want = m.start - at[0];
      let best = -1;
      for (let i = value.indexOf(m.text); i >= 0; i = value.indexOf(m.text, i + 1)) {
        if (best < 0 || Math.abs(i - want) < Math.abs(best - want)) best = i;
      }
      if (best < 0 || cuts.some((c) => best < c.to && best + m.text.length > c.from)) continue;
      cuts.push({ from: best, to: best + m.text.length, node: {
        type: 'element', tagName: 'mark', properties: { className: ['unsupported'], dataStatus: m.status }, children: [text(m.text)],
      } });
    }
  }
  // Inside a link a chip would be a button in an anchor; the link text keeps its [E3] as text.
  if (!inLink) {
    for (const m of value.matchAll(CITATION)) {
      const from = m.index;
      const to = from + m[0].length;
      if (cuts.some((c) => from < c.to && to > c.from)) continue;
      const ids = m[1].split(/\s*[,;]\s*/);
      cuts.push({ from, to, node: {
        type: 'element', tagName: 'span', properties: { className: ['cites'] },
        children: ids.map((id) => ({ type: 'element', tagName: 'button', properties: { dataCite: id }, children: [text(id)] })),
      } });
    }
  }
  if (!cuts.length) return [text(value)];
  cuts.sort((a, b) => a.from - b.from);
  const out: ElementContent[] = [];
  let pos = 0;
  for (const c of cuts) {
    if (c.from > pos) out.push(text(value.slice(pos, c.from)));
    out.push(c.node);
    pos = c.to;
  }
  if (pos < value.length) out.push(text(value.slice(pos)));
  return out;
}

/** The rehype step that does the splitting, after Markdown is parsed and before React sees it. */
function decorate(marks: ChatMark[]) {
  return () => (tree: Root): void => {
    const walk = (parent: Root | Element, inLink: boolean): void => {
      const next: Array<RootContent | ElementContent> = [];
      for (const child of parent.children) {
        if (child.type === 'text' || child.type === 'raw') {
          // Raw HTML is shown as the text it is: the person sees what the model sent, nothing runs.
          next.push(...split(child.value, span(child), marks, inLink));
        } else {
          if (child.type === 'element' && child.tagName !== 'code' && child.tagName !== 'pre') walk(child, inLink || child.tagName === 'a');
          next.push(child);
        }
      }
      parent.children = next as typeof parent.children;
    };
    walk(tree, false);
  };
}

function originOf(href: string): string | null {
  try {
    return new URL(href).origin;
  } catch {
    return null;
  }
}

function textOf(children: ReactNode): string {
  if (typeof children === 'string' || typeof children === 'number') return String(children);
  if (Array.isArray(children)) return children.map(textOf).join('');
  return '';
}

export function AnswerText({ text: source, marks = [], evidence, pageOrigin, onCite }: AnswerTextProps) {
  const byId = new Map(evidence.map((e) => [e.id, e]));
  const components: Components = {
    img: ({ alt }) => <span className="image-removed">[image removed{alt ? `: ${alt}` : ''}]</span>,
    a: ({ href, children }) => {
      const url = href ?? '';
      const label = textOf(children);
      if (url && pageOrigin && originOf(url) === pageOrigin) {
        return <a href={url} target="_blank" rel="noopener noreferrer">{children}</a>;
      }
      // Shown so the person can judge it, but not a link: a click must not take data anywhere.
      return <span className="link-text">{children}{url && url !== label ? <> (<span className="url">{url}</span>)</> : null}</span>;
    },
    mark: ({ node, children }) => {
      const status = String(node?.properties?.dataStatus ?? 'unsupported') as ChatMark['status'];
      const reason = REASONS[status] ?? REASONS.unsupported;
      return (
        <mark className="unsupported" title={reason}>
          {children}<span className="visually-hidden"> ({NOT_FOUND})</span>
        </mark>
      );
    },
    button: ({ node }) => {
      const id = String(node?.properties?.dataCite ?? '');
      return <CitationChip id={id} item={byId.get(id)} onShow={onCite} />;
    },
  };
  return (
    <div className="answer-text">
      <Markdown rehypePlugins={[decorate(marks)]} components={components}>{source}</Markdown>
    </div>
  );
}
