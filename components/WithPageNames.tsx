import { Fragment } from 'react';
import { PageText } from './PageText';

/** Loupe's own sentence with the names in it that came from the page (a chart title, a series) shown
 *  as quoted page text: a title that reads like an instruction never reads as Loupe's words. */
export function WithPageNames({ text, names }: { text: string; names: ReadonlyArray<string | undefined> }) {
  const wanted = [...new Set(names.filter((n): n is string => Boolean(n && n.trim())))].sort((a, b) => b.length - a.length);
  const parts: Array<{ text: string; page: boolean }> = [];
  let rest = text;
  while (rest) {
    let at = -1;
    let name = '';
    for (const n of wanted) {
      const i = rest.indexOf(n);
      if (i >= 0 && (at < 0 || i < at)) { at = i; name = n; }
    }
    if (at < 0) { parts.push({ text: rest, page: false }); break; }
    if (at > 0) parts.push({ text: rest.slice(0, at), page: false });
    parts.push({ text: name, page: true });
    rest = rest.slice(at + name.length);
  }
  return <>{parts.map((p, i) => (p.page ? <PageText key={i} text={p.text} /> : <Fragment key={i}>{p.text}</Fragment>))}</>;
}

/** Renders “curly-quoted” names in a sentence (how lib/evidence/format quotes page names) as page text. */
export function WithQuotedNames({ text }: { text: string }) {
  const parts = text.split(/“([^”]*)”/g);
  return <>{parts.map((p, i) => (i % 2 ? <PageText key={i} text={p} /> : <Fragment key={i}>{p}</Fragment>))}</>;
}
