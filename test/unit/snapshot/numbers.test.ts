import { describe, expect, it } from 'vitest';
import { extractNumber, parseNumber } from '@/lib/snapshot/numbers';

type Case = [text: string, value: number, unit?: string, kind?: string, locale?: string];

const OK: Case[] = [
  ['0', 0, undefined, 'count'],
  ['42', 42, undefined, 'count'],
  ['1,234', 1234, undefined, 'count'],
  ['1,234,567', 1234567, undefined, 'count'],
  ['1,234.5', 1234.5],
  ['0.25', 0.25],
  ['.5', 0.5],
  ['12.5%', 12.5, '%', 'percent'],
  ['34.2 %', 34.2, '%', 'percent'],
  ['+4.2%', 4.2, '%', 'percent'],
  ['-4.2%', -4.2, '%', 'percent'],
  ['−12', -12, undefined, 'count'],
  ['– 3', -3],
  ['(1,234)', -1234],
  ['($1,234)', -1234, 'USD', 'currency'],
  ['-$5', -5, 'USD', 'currency'],
  ['$-5', -5, 'USD', 'currency'],
  ['$3.4K', 3400, 'USD', 'currency'],
  ['$12.3K', 12300, 'USD', 'currency'],
  ['$12.3k', 12300, 'USD', 'currency'],
  ['1.2M', 1200000, undefined, 'count'],
  ['1.2m', 1200000],
  ['3 bn', 3e9],
  ['€1.2B', 1.2e9, 'EUR', 'currency'],
  ['£99', 99, 'GBP', 'currency'],
  ['¥1,200', 1200, 'JPY', 'currency'],
  ['US$ 7', 7, 'USD'],
  ['USD 1,234', 1234, 'USD'],
  ['1,234 EUR', 1234, 'EUR'],
  ['3.4x', 3.4, 'x', 'ratio'],
  ['3.4×', 3.4, 'x', 'ratio'],
  ['+2.1 pp', 2.1, 'pp', 'percent'],
  ['▲ 3.1%', 3.1, '%'],
  ['▼ 3.1%', -3.1, '%'],
  ['↓12', -12],
  ['12 ms', 12, 'ms', 'duration'],
  ['1.2s', 1.2, 's', 'duration'],
  ['45 sec', 45, 's', 'duration'],
  ['3h 20m', 200, 'min', 'duration'],
  ['2m 30s', 150, 's', 'duration'],
  ['1 min', 1, 'min', 'duration'],
  ['7.4 min', 7.4, 'min', 'duration'],
  ['1d 2h', 26, 'h', 'duration'],
  ['250 µs', 250, 'µs', 'duration'],
  ['1\u00a0234', 1234],
  ['1\u202f234', 1234],
  ["1'234.5", 1234.5],
  // Locale-dependent separators.
  ['1.234,5', 1234.5, undefined, 'count', 'de'],
  ['1.234,5', 1234.5], // structurally unambiguous in any locale
  ['1\u00a0234,5', 1234.5, undefined, 'count', 'fr'],
  ['1\u202f234,5', 1234.5, undefined, 'count', 'fr-FR'],
  ['1,234', 1.234, undefined, 'count', 'de'],
  ['1,234', 1234, undefined, 'count', 'en-US'],
  ['1.234', 1234, undefined, 'count', 'de-DE'],
  ['1.234', 1.234, undefined, 'count', 'en'],
  ['1.234', 1.234, undefined, 'count', 'de-CH'],
  ['1,5', 1.5, undefined, 'count', 'en'], // a comma before 1–2 digits cannot be grouping
  ['0,123', 0.123, undefined, 'count', 'en'],
  ['12,50 €', 12.5, 'EUR', 'currency', 'de'],
  ['1,2 Mio.', 1.2e6, undefined, 'count', 'de'],
  ['3,4 Mrd.', 3.4e9, undefined, 'count', 'de'],
  ['12,5 %', 12.5, '%', 'percent', 'fr'],
  // Measures a stat panel prints keep the unit shown; a bare "B" stays billions.
  ['3.4 GB', 3.4, 'GB', 'measure'],
  ['267.1GB', 267.1, 'GB', 'measure'],
  ['512 KiB', 512, 'KiB', 'measure'],
  ['842 req/s', 842, 'req/s', 'measure'],
  ['1.2K req/s', 1200, 'req/s', 'measure'],
  ['1,5 TB', 1.5, 'TB', 'measure', 'de'],
  ['-3 °C', -3, '°C', 'measure'],
  ['3.4B', 3.4e9, undefined, 'count'],
];

const BAD: Array<[text: string, reason?: string, locale?: string]> = [
  ['', 'empty'],
  ['   ', 'empty'],
  ['—', 'placeholder'],
  ['-', 'placeholder'],
  ['–', 'placeholder'],
  ['N/A', 'placeholder'],
  ['n/a', 'placeholder'],
  ['£'],
  ['$'],
  ['abc'],
  ['12 users'],
  ['12% GB'],
  ['1,23,4'],
  ['1.2.3,4.5'],
  ['12 34'],
  ['Oct 10'],
  ['2026-10-10'],
];

describe('parseNumber', () => {
  it.each(OK)('%s → %d %s', (text, value, unit, kind, locale) => {
    const r = parseNumber(text, { locale });
    expect(r.ok, JSON.stringify(r)).toBe(true);
    if (!r.ok) return;
    expect(r.value).toBeCloseTo(value, 9);
    expect(r.unit).toBe(unit);
    if (kind) expect(r.kind).toBe(kind);
  });

  it.each(BAD)('%j is not a number', (text, reason, locale) => {
    const r = parseNumber(text, { locale });
    expect(r.ok).toBe(false);
    if (!r.ok && reason) expect(r.reason).toBe(reason);
  });

  it('reads a lone "m" as million, never minutes', () => {
    expect(parseNumber('10m')).toEqual({ ok: true, value: 10_000_000, kind: 'count' });
  });

  it('never turns an empty value into zero', () => {
    for (const t of ['', '—', 'N/A']) expect(parseNumber(t).ok).toBe(false);
  });
});

describe('extractNumber', () => {
  it.each([
    ['-12 vs last week', -12, undefined],
    ['▲ 3.1% vs previous period', 3.1, '%'],
    ['+$1.2K from last month', 1200, 'USD'],
    ['Down 4.5% WoW', 4.5, '%'],
  ] as const)('%s', (text, value, unit) => {
    const r = extractNumber(text);
    expect(r.ok).toBe(true);
    if (r.ok) { expect(r.value).toBeCloseTo(value); expect(r.unit).toBe(unit); }
  });
  it('reports text with no number', () => {
    expect(extractNumber('no change').ok).toBe(false);
  });
});
