// @vitest-environment jsdom
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readKpis } from '@/lib/snapshot/page/kpi';
import { Metric } from '@/lib/snapshot/schema';

function load(file: string): void {
  const html = readFileSync(resolve(process.cwd(), 'test/fixtures/page', file), 'utf8');
  document.documentElement.innerHTML = html.replace(/^[\s\S]*?<html[^>]*>/i, '').replace(/<\/html>\s*$/i, '');
  document.documentElement.setAttribute('lang', html.match(/<html[^>]*lang="([^"]+)"/)?.[1] ?? '');
}

describe('readKpis', () => {
  it('reads tiles in the styles of several tools', () => {
    load('kpi-tiles.html');
    const { metrics, notes } = readKpis(document);
    for (const m of metrics) expect(Metric.safeParse(m).success).toBe(true);
    expect(metrics).toEqual([
      { id: 'weekly-active-users', label: 'Weekly active users', value: 12300, unit: 'count', delta: 4.2, deltaUnit: '%' },
      { id: 'activation-rate', label: 'Activation rate', value: 34.2, unit: '%', delta: -1.8, deltaUnit: 'pp' },
      { id: 'pageviews', label: 'Pageviews', value: 1234567, unit: 'count', delta: -3.1, deltaUnit: '%' },
      { id: 'revenue', label: 'Revenue', value: 12300, unit: 'USD', delta: 12, deltaUnit: '%' },
      { id: 'p95-latency', label: 'p95 latency', value: 245, unit: 'ms' },
      { id: 'net-refunds', label: 'Net refunds', value: -1234, unit: 'count' },
      { id: 'roas', label: 'ROAS', value: 3.4, unit: 'x', delta: -0.2, deltaUnit: 'x' },
      { id: 'avg-session', label: 'Avg. session', value: 200, unit: 'min', delta: -12, deltaUnit: 'min' },
      { id: 'signups', label: 'Signups', value: 4812, unit: 'count', delta: -3.5, deltaUnit: '%' },
      { id: 'conversion', label: 'Conversion', value: 2.9, unit: '%' },
    ]);
    expect(notes).toEqual(['KPI tile "Churned revenue" shows no value ("—"); it was left out.']);
  });

  it('parses values the way the page language writes them', () => {
    document.documentElement.setAttribute('lang', 'de');
    document.body.innerHTML = '<div class="kpi"><div class="kpi-label">Umsatz</div><div class="kpi-value">1.234,5 €</div><div class="kpi-delta">+2,5 %</div></div>'
      + '<div class="kpi"><div class="kpi-label">Bestellungen</div><div class="kpi-value">1,234</div></div>';
    expect(readKpis(document).metrics).toEqual([
      { id: 'umsatz', label: 'Umsatz', value: 1234.5, unit: 'EUR', delta: 2.5, deltaUnit: '%' },
      { id: 'bestellungen', label: 'Bestellungen', value: 1.234, unit: 'count' },
    ]);
  });

  it('gives duplicate labels distinct ids and ignores a page with no tiles', () => {
    document.documentElement.setAttribute('lang', 'en');
    document.body.innerHTML = '<div class="stat"><span class="stat-label">Users</span><span class="stat-value">5</span></div>'
      + '<div class="stat"><span class="stat-label">Users</span><span class="stat-value">7</span></div>';
    expect(readKpis(document).metrics.map((m) => m.id)).toEqual(['users', 'users-2']);
    document.body.innerHTML = '<p>Hello 42</p>';
    expect(readKpis(document)).toEqual({ metrics: [], notes: [] });
  });
});
