// Sentences and their citations, for the verifier. A sentence is the unit a citation covers:
// "Activation fell 15.2% from Oct 10 [E3]." cites E3 for every number in it. Markers written just
// after the full stop ("… 15.2%. [E3]") still belong to the sentence before them.

export interface Sentence {
  text: string;
  start: number;
  end: number;
  /** Ids cited in the sentence, in order, without duplicates: E…, F…, N…. */
  cites: string[];
  /** [start, end) of each citation marker inside the full text (numbers there are not claims). */
  markers: Array<[number, number]>;
}

/** [E3], [E3, E5], [E3; F1], [N2]: one bracket, ids separated by commas or semicolons. */
export const CITATION = /\[\s*([EFN]\d+(?:\s*[,;]\s*[EFN]\d+)*)\s*\]/g;

/** Words whose full stop does not end a sentence. */
const ABBREV = /(?:\b(?:e\.g|i\.e|vs|etc|approx|ca|cf|no|fig|est|avg|incl|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|Mon|Tue|Wed|Thu|Fri|Sat|Sun|Mr|Ms|Dr|St)|\b[A-Z])\.$/;

function citesIn(text: string, offset: number): { ids: string[]; markers: Array<[number, number]> } {
  const ids: string[] = [];
  const markers: Array<[number, number]> = [];
  for (const m of text.matchAll(CITATION)) {
    markers.push([offset + m.index, offset + m.index + m[0].length]);
    for (const id of m[1].split(/\s*[,;]\s*/)) if (!ids.includes(id)) ids.push(id);
  }
  return { ids, markers };
}

/** Line breaks that end a sentence: blank lines, list items, headings, table rows, or after . ! ? : */
function hardBreaks(text: string): number[] {
  const cuts: number[] = [];
  const re = /\n/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const before = text.slice(0, m.index).replace(/\s*(\[[^\]\n]*\]\s*)*$/, '');
    const after = text.slice(m.index + 1);
    if (/^\s*(\n|[-*+•>|#]|\d+[.)]\s)/.test(after) || /[.!?:|]$/.test(before) || before.endsWith('\n') || !before.trim() || !after.trim()) {
      cuts.push(m.index + 1);
    }
  }
  return cuts;
}

export function splitSentences(text: string): Sentence[] {
  const cuts = new Set<number>(hardBreaks(text));
  // Soft ends: . ! ? followed by optional closing marks and citations, then white space.
  const end = /[.!?]+["”’)\]]*/g;
  for (let m = end.exec(text); m; m = end.exec(text)) {
    let i = m.index + m[0].length;
    if (i < text.length && !/\s/.test(text[i])) continue; // 15.2, e.g.x, example.com
    if (m[0].startsWith('.') && ABBREV.test(text.slice(Math.max(0, m.index - 6), m.index + 1))) continue;
    // "1. " opening a list item is a marker, not a sentence.
    const lineStart = text.lastIndexOf('\n', m.index - 1) + 1;
    if (m[0] === '.' && /^\s*(?:[-*+•]\s+)?\d+$/.test(text.slice(lineStart, m.index))) continue;
    // Citations right after the stop belong to this sentence.
    const tail = /^(\s*\[\s*[EFN]\d+(?:\s*[,;]\s*[EFN]\d+)*\s*\])+/.exec(text.slice(i));
    if (tail) i += tail[0].length;
    cuts.add(i);
  }
  const bounds = [0, ...[...cuts].filter((c) => c > 0 && c < text.length).sort((a, b) => a - b), text.length];
  const out: Sentence[] = [];
  for (let k = 0; k + 1 < bounds.length; k++) {
    let s = bounds[k];
    let e = bounds[k + 1];
    while (s < e && /\s/.test(text[s])) s++;
    while (e > s && /\s/.test(text[e - 1])) e--;
    if (e <= s) continue;
    const body = text.slice(s, e);
    const { ids, markers } = citesIn(body, s);
    out.push({ text: body, start: s, end: e, cites: ids, markers });
  }
  // A sentence made only of markers ("[E3]" on its own line) cites for the one before it.
  for (let k = out.length - 1; k > 0; k--) {
    if (out[k].text.replace(CITATION, '').trim() === '' && out[k].cites.length) {
      const prev = out[k - 1];
      for (const id of out[k].cites) if (!prev.cites.includes(id)) prev.cites.push(id);
      prev.markers.push(...out[k].markers);
      out.splice(k, 1);
    }
  }
  return out;
}
