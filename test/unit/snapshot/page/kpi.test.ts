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

  // Markup from real tools that the first version of the reader missed; one tile each, read as a person would.
  it.each([
    ['a Grafana stat panel whose value and delta share a "css-stat" box, the title a level up',
      '<div class="panel-container"><div class="panel-header"><h2 class="panel-title">Trial starts</h2><button aria-label="Menu">⋮</button></div><div class="panel-content"><div class="css-stat"><div style="font-size:42px"><span>55,182</span></div><span class="css-pc9">▼ 1.2%</span></div></div></div>',
      { label: 'Trial starts', value: 55182, unit: 'count', delta: -1.2, deltaUnit: '%' }],
    ['a Metabase trend whose direction is only its arrow icon',
      '<div class="Card"><h3 class="ScalarTitle">Bounce rate</h3><h1 class="ScalarValue">51.4%</h1><div class="SmartScalar"><span data-testid="scalar-variation"><svg class="Icon Icon-arrow_down" aria-label="arrow_down icon"></svg>23.4%</span><span>vs. previous month</span></div></div>',
      { label: 'Bounce rate', value: 51.4, unit: '%', delta: -23.4, deltaUnit: '%' }],
    ['a GA4 scorecard with a Material icon ligature beside the change',
      '<div class="ga-card"><div class="card-title-text">Payouts</div><div class="value-text">$4,512.20</div><div class="comparison"><mat-icon class="material-icons" aria-hidden="true">arrow_downward</mat-icon><span>17.2%</span></div></div>',
      { label: 'Payouts', value: 4512.2, unit: 'USD', delta: -17.2, deltaUnit: '%' }],
    ['a Tailwind card whose change is coloured, not signed',
      '<div class="rounded-lg border p-4"><p class="text-sm">Net refunds</p><p style="font-size:30px">(4,120)</p><p><span class="text-red-600 text-sm">4.3%</span> <span class="text-sm">vs last week</span></p></div>',
      { label: 'Net refunds', value: -4120, unit: 'count', delta: -4.3, deltaUnit: '%' }],
    ['a PostHog insight card: the title in a link, a hinted caption below it',
      '<div class="InsightCard"><div class="InsightMeta"><h4 class="InsightMeta__title"><a href="#">Pageviews</a></h4><div class="InsightMeta__description">Unique users · last 30 days</div></div><div class="InsightCard__viz"><div class="BoldNumber"><div class="BoldNumber__value">1.2M</div><div class="BoldNumber__comparison"><span class="trend">Up 12% from previous period</span></div></div></div></div>',
      { label: 'Pageviews', value: 1200000, unit: 'count', delta: 12, deltaUnit: '%' }],
    ['a role=group tile named by aria-label',
      '<div role="group" aria-label="Churn" class="c-tile"><span style="font-size:26px">−4.2%</span><span class="chg">+0.8%</span></div>',
      { label: 'Churn', value: -4.2, unit: '%', delta: 0.8, deltaUnit: '%' }],
  ])('%s', (_name, html, want) => {
    document.documentElement.setAttribute('lang', 'en');
    document.body.innerHTML = html;
    expect(readKpis(document).metrics).toEqual([{ id: expect.any(String), ...want }]);
  });

  it('reads a <dl> of figures, each term naming the value after it', () => {
    document.documentElement.setAttribute('lang', 'de');
    document.body.innerHTML = '<style>dd { font-size: 22px }</style><dl><dt>Marketingkosten</dt><dd>7,2 Mio. €</dd><dt>Sitzungen</dt><dd>22.487</dd></dl>';
    expect(readKpis(document).metrics.map(({ label, value, unit }) => ({ label, value, unit }))).toEqual([
      { label: 'Marketingkosten', value: 7200000, unit: 'EUR' },
      { label: 'Sitzungen', value: 22487, unit: 'count' },
    ]);
  });

  it('does not take a chart legend\'s series totals for tiles', () => {
    document.documentElement.setAttribute('lang', 'en');
    document.body.innerHTML = '<article><h3>Daily signups</h3><canvas></canvas><ul class="chart-legend"><li><span class="legend-label">Web</span> <span class="legend-value">33,536</span></li>'
      + '<li><span class="legend-label">Mobile</span> <span class="legend-value">20,119</span></li></ul></article>';
    expect(readKpis(document).metrics).toEqual([]);
  });
});
