// @vitest-environment jsdom
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectTool, readPageContext } from '@/lib/snapshot/page/context';
import { Context } from '@/lib/snapshot/schema';

function load(file: string): void {
  const html = readFileSync(resolve(process.cwd(), 'test/fixtures/page', file), 'utf8');
  document.documentElement.innerHTML = html.replace(/^[\s\S]*?<html[^>]*>/i, '').replace(/<\/html>\s*$/i, '');
}

describe('readPageContext', () => {
  it.each([
    ['context-mixpanel.html', 'mixpanel', {
      dateRange: 'Aug 1 – Oct 23, 2026', comparison: 'Compare: previous period', filters: ['Segment: All users'],
    }],
    ['context-grafana.html', 'grafana', {
      dateRange: 'Last 30 days', timezone: 'UTC', filters: ['Environment: production', 'Cluster: eu-west-1'],
    }],
    ['context-ga4.html', 'ga4', {
      dateRange: '2026-08-01 – 2026-10-23', comparison: 'Compare: Previous period', timezone: 'America/New_York',
      filters: ['Country exactly matches United States', 'Device category: mobile'],
    }],
    ['context-generic.html', 'generic', { dateRange: 'Aug 1 – Oct 23, 2026', filters: ['Segment: All users'] }],
    ['context-looker.html', 'looker-studio', { dateRange: 'Last 28 days', filters: ['Channel: Paid search'] }],
  ] as const)('%s', (file, tool, context) => {
    load(file);
    const r = readPageContext(document, window);
    expect(r.tool).toBe(tool);
    expect(r.context).toEqual(context);
    expect(Context.safeParse(r.context).success).toBe(true);
  });

  it('returns an empty context for a page without controls', () => {
    document.documentElement.innerHTML = '<head><title>Blank</title></head><body><p>Hello</p></body>';
    expect(readPageContext(document, window)).toEqual({ tool: 'generic', context: {} });
  });
});

describe('detectTool', () => {
  const fakeWin = (hostname: string) => ({ location: { hostname } }) as unknown as Window;
  it.each([
    ['mixpanel.com', 'mixpanel'], ['eu.mixpanel.com', 'mixpanel'], ['app.amplitude.com', 'amplitude'],
    ['us.posthog.com', 'posthog'], ['analytics.google.com', 'ga4'], ['lookerstudio.google.com', 'looker-studio'],
    ['acme.grafana.net', 'grafana'], ['metabase.acme.io', 'metabase'], ['superset.acme.io', 'superset'],
    ['example.com', 'generic'],
  ] as const)('%s → %s', (host, tool) => {
    document.documentElement.innerHTML = '<head><title>x</title></head><body></body>';
    expect(detectTool(document, fakeWin(host))).toBe(tool);
  });
});

describe('readPageContext on bare pages', () => {
  it('quotes an unlabelled select alone and takes one full date on a button as the range', () => {
    document.documentElement.innerHTML = '<head><title>Stress</title></head><body><span class="controls">'
      + '<button type="button">Oct 23, 2026</button><select><option>All countries</option></select>'
      + '<select name="pageSize"><option>25</option></select></span></body>';
    expect(readPageContext(document, window).context).toEqual({ dateRange: 'Oct 23, 2026', filters: ['All countries'] });
  });

  it.each([
    ['a Metabase date filter: a relative period beside its "Date" label',
      '<div class="ParameterValueWidget"><span class="ParameterName">Date</span> <span class="ParameterValue">Previous 30 days</span></div>',
      { dateRange: 'Previous 30 days' }],
    ['filter chips with a "×" remove button, named for screen readers',
      '<span class="filter-chip">Land: Deutschland <button type="button" aria-label="Remove filter Land">×</button></span>'
      + '<span class="filter-chip">Plan: Enterprise <button type="button">×</button></span>',
      { filters: ['Land: Deutschland', 'Plan: Enterprise'] }],
    ['Metabase parameter widgets: a name beside its value, the date one as the range',
      '<div class="ParameterValueWidget"><span>Date</span> <span>Previous 30 days</span></div><div class="ParameterValueWidget"><span>Category</span> <span>Gizmo</span></div>',
      { dateRange: 'Previous 30 days', filters: ['Category: Gizmo'] }],
    ['Grafana: an absolute range with times, a variable as a labelled list button',
      '<button type="button" aria-label="Time range selected: 2026-08-01 00:00:00 to 2026-10-23 23:59:59"><span>2026-08-01 00:00:00 to 2026-10-23 23:59:59</span></button>'
      + '<label for="var-cluster">cluster</label><button id="var-cluster" type="button" aria-haspopup="listbox">eu-west-1 <svg aria-hidden="true"></svg></button>',
      { dateRange: '2026-08-01 00:00:00 to 2026-10-23 23:59:59', filters: ['cluster: eu-west-1'] }],
    ['a German range with month names', '<button class="date-range">15. Aug. – 23. Okt. 2026</button>', { dateRange: '15. Aug. – 23. Okt. 2026' }],
  ])('%s', (_name, html, context) => {
    document.documentElement.innerHTML = `<head><title>Board</title></head><body>${html}</body>`;
    expect(readPageContext(document, window).context).toEqual(context);
  });
});
