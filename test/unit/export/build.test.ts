import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { buildExport, Export, exportJsonSchema, toCsv, toJson, toMarkdown } from '@/lib/export';
import { BOARD, input, OTHER } from './fixtures';

const SCHEMA_FILE = new URL('../../../docs/export-schema.json', import.meta.url);

describe('buildExport', () => {
  const exp = buildExport({ ...input(), filter: { dashboard: `${BOARD}?t=1#x` } });

  it('keeps one board: its rows, evidence, charts and notes', () => {
    expect(exp.dashboards.map((d) => d.url)).toEqual([BOARD]);
    expect(exp.evidence.map((e) => e.id)).toEqual(['E1', 'E2']);
    expect(exp.charts.map((c) => c.chartId)).toEqual(['activation', 'remote']);
    expect(exp.notes.map((n) => n.uid)).toEqual(['outage']);
    expect(exp.feedback).toHaveLength(1);
  });

  it('resolves citations and says which did not resolve', () => {
    expect(exp.explanations[0].citations).toEqual([
      { ref: 'E1', kind: 'evidence', text: '“Activation rate” fell from 40% to 34% on Oct 10, 2026' },
      { ref: 'F1', kind: 'finding', text: 'Activation rate fell 15.2% from Oct 10, 2026' },
      { ref: 'N1', kind: 'note', text: 'Sam told us: “Oct 10 tracking outage”' },
      { ref: 'E9', kind: 'evidence', text: null },
    ]);
    expect(exp.warnings).toContain('An explanation from 2026-10-23T10:10:00.000Z cites [E9], which is not in this export.');
  });

  it('leaves out a chart image that is not a raster data URL, with a warning', () => {
    expect(exp.charts[1].image).toBeUndefined();
    expect(exp.warnings).toContain('The image of chart “Signups” was left out: only PNG, JPEG, WebP or GIF data URLs are embedded.');
  });

  it('filters by date range (inclusive, a date alone is the whole day)', () => {
    const sept = buildExport({ ...input(), filter: { from: '2026-09-01', to: '2026-09-30' } });
    expect(sept.dashboards.map((d) => d.url)).toEqual([OTHER]);
    expect(sept.evidence.map((e) => `${e.chartId}:${e.id}`)).toEqual(['mrr:E1']);
    expect(sept.findings).toEqual([]);
    expect(sept.feedback.map((f) => f.comment)).toEqual(['MRR excludes refunds']);
    expect(sept.notes.map((n) => n.uid)).toEqual(['mrr']); // notes follow the boards kept
    expect(sept.scope).toEqual({ from: '2026-09-01', to: '2026-09-30' });
    const day = buildExport({ ...input(), filter: { from: '2026-10-23', to: '2026-10-23' } });
    expect(day.steps).toHaveLength(2);
    expect(day.log).toHaveLength(1);
  });

  it('is deterministic and rejects malformed input', () => {
    expect(toJson(buildExport(input()))).toBe(toJson(buildExport(input())));
    expect(() => buildExport({ ...input(), generatedAt: undefined as never })).toThrow();
  });
});

describe('toJson and its documented schema', () => {
  it('docs/export-schema.json is generated from the zod schema', () => {
    const generated = `${JSON.stringify(exportJsonSchema(), null, 2)}\n`;
    if (process.env.UPDATE_EXPORT_SCHEMA) writeFileSync(SCHEMA_FILE, generated);
    expect(readFileSync(SCHEMA_FILE, 'utf8')).toBe(generated);
  });

  it('the JSON export validates against docs/export-schema.json; a broken one does not', () => {
    const schema = z.fromJSONSchema(JSON.parse(readFileSync(SCHEMA_FILE, 'utf8')));
    const json = JSON.parse(toJson(buildExport(input())));
    expect(schema.safeParse(json).success).toBe(true);
    expect(Export.safeParse(json).success).toBe(true);
    expect(schema.safeParse({ ...json, version: 2 }).success).toBe(false);
    expect(schema.safeParse({ ...json, findings: [{ ...json.findings[0], confidence: 'high' }] }).success).toBe(false);
  });
});

describe('toMarkdown', () => {
  it('matches its snapshot (one board), escaping page text', () => {
    const md = toMarkdown(buildExport({ ...input(), filter: { dashboard: BOARD } }));
    expect(md).toMatchSnapshot();
    expect(md).not.toMatch(/(?<!\\)<img/); // only the escaped form
    expect(md).toContain('\\<img src=x onerror=alert(1)\\>');
  });

  it('inlines images only when asked', () => {
    const exp = buildExport({ ...input(), filter: { dashboard: BOARD } });
    expect(toMarkdown(exp)).not.toContain('data:image');
    expect(toMarkdown(exp, { images: true })).toContain('](data:image/png;base64,');
  });
});

describe('toCsv', () => {
  it('matches its snapshot: RFC 4180 quoting, raw numbers, formula guard', () => {
    const csv = toCsv(buildExport(input()).evidence);
    expect(csv).toMatchSnapshot();
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe('dashboard,id,chartId,series,claim,method,confidence,unit,points,value:after,value:before,value:changePct,value:last,value:nPoints');
    expect(lines[1]).toContain(',-15.2,'); // a negative number is a number, not guarded
    expect(csv).toContain('"\'=HYPERLINK(""http://127.0.0.2"",""x""), <img src=x onerror=alert(1)>"');
    expect(csv).toContain('"Line one\nline ""two"", three"');
    expect(csv).toContain(',0.30000000000000004,'); // unformatted
    expect(csv.endsWith('\r\n')).toBe(true);
  });

  it('guards every formula lead character in text cells', () => {
    for (const lead of ['=', '+', '-', '@', '\t']) {
      const csv = toCsv([{ id: 'E1', chartId: 'c', claim: `${lead}1+1`, values: {}, points: [], method: 'm', confidence: 1 }]);
      expect(csv.split('\r\n')[1]).toMatch(/^,E1,c,,"?'/);
    }
  });
});
