import { z } from 'zod';

// Redaction before anything is sent to a model: emails, user ids and people's names found in chart
// titles, series names, filters, notes or the question are replaced by placeholders. On by default;
// the patterns and names are settings because every company's ids look different. Evidence ids
// ([E3], [F1], [N2]) never match the defaults, so citations survive.

export const DEFAULT_ID_PATTERNS = [
  'user_[a-z0-9]+',
  '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}',
];

function compiles(src: string): boolean {
  try {
    new RegExp(src, 'giu');
    return true;
  } catch {
    return false;
  }
}

export const RedactionSettings = z.object({
  enabled: z.boolean().default(true),
  emails: z.boolean().default(true),
  /** Regular expression sources, matched case-insensitively as whole words. */
  idPatterns: z.array(z.string().min(1).max(200).refine(compiles, 'Not a valid regular expression')).default(DEFAULT_ID_PATTERNS),
  /** Names of people (or customers) to hide, matched case-insensitively as whole words. */
  names: z.array(z.string().trim().min(2).max(100)).default([]),
});
export type RedactionSettings = z.infer<typeof RedactionSettings>;
export type RedactionSettingsInput = z.input<typeof RedactionSettings>;

export const PLACEHOLDER = { email: '[email]', id: '[user id]', name: '[name]' } as const;

export interface RedactionReport {
  emails: number;
  ids: number;
  names: number;
}

// Unicode-aware word edges: \b would cut "José" or "user_é1" in the middle.
const EDGE_L = '(?<![\\p{L}\\p{N}_])';
const EDGE_R = '(?![\\p{L}\\p{N}_])';
const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/giu;

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export interface Redactor {
  (text: string): string;
  /** What was replaced so far, for "3 emails and 1 name were hidden". */
  readonly report: RedactionReport;
}

/** A redactor that counts what it replaces across every text it is given. */
export function makeRedactor(input: RedactionSettingsInput = {}): Redactor {
  const s = RedactionSettings.parse(input);
  const report: RedactionReport = { emails: 0, ids: 0, names: 0 };
  const ids = s.idPatterns.map((p) => new RegExp(`${EDGE_L}(?:${p})${EDGE_R}`, 'giu'));
  // Longest names first, so "Ann Lee" is replaced before "Ann".
  const names = [...s.names].sort((a, b) => b.length - a.length)
    .map((n) => new RegExp(`${EDGE_L}${escapeRe(n).replace(/\s+/g, '\\s+')}${EDGE_R}`, 'giu'));
  const fn = (text: string): string => {
    if (!s.enabled || !text) return text;
    let out = text;
    if (s.emails) out = out.replace(EMAIL, () => { report.emails++; return PLACEHOLDER.email; });
    for (const re of ids) out = out.replace(re, () => { report.ids++; return PLACEHOLDER.id; });
    for (const re of names) out = out.replace(re, () => { report.names++; return PLACEHOLDER.name; });
    return out;
  };
  return Object.assign(fn, { report }) as Redactor;
}

/** One text, redacted, with what was found. */
export function redact(text: string, settings: RedactionSettingsInput = {}): { text: string; report: RedactionReport } {
  const r = makeRedactor(settings);
  return { text: r(text), report: { ...r.report } };
}
