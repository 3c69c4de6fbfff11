import type { Chart, Context, Series, Source, Tool } from '@/lib/snapshot/schema';

// Words and numbers as the panel shows them. Kept apart from the components so tests can check them.

const TOOL_NAMES: Record<Tool, string | undefined> = {
  mixpanel: 'Mixpanel', amplitude: 'Amplitude', posthog: 'PostHog', ga4: 'GA4', grafana: 'Grafana',
  metabase: 'Metabase', superset: 'Superset', 'looker-studio': 'Looker Studio', generic: undefined,
};
const SOURCE_NAMES: Record<Source, string> = {
  chartjs: 'Chart.js', echarts: 'ECharts', highcharts: 'Highcharts', plotly: 'Plotly', vega: 'Vega',
  uplot: 'uPlot', apexcharts: 'ApexCharts', recharts: 'Recharts', react: 'React chart', vue: 'Vue chart',
  d3: 'D3', svg: 'SVG drawing', canvas: 'canvas drawing', table: 'HTML table',
};
/** Listed in the empty state, so a person knows what Loupe can read. */
export const READABLE_LIBRARIES = 'Chart.js, ECharts, Highcharts, Plotly, Vega, uPlot, ApexCharts, Recharts, D3, SVG charts and tables';

export const toolName = (tool?: Tool): string | undefined => (tool ? TOOL_NAMES[tool] : undefined);
export const sourceName = (source: Source): string => SOURCE_NAMES[source];
export const kindName = (chart: Chart): string => (chart.kind === 'table' ? 'table' : chart.kind === 'other' ? 'chart' : `${chart.kind} chart`);

/** "Aug 1 – Oct 23 · vs previous 7 days · UTC · Platform: All", as read from the page. */
export function contextLine(context?: Context): string {
  if (!context) return '';
  return [context.dateRange, context.comparison, context.timezone, ...(context.filters ?? [])]
    .filter((part): part is string => !!part && part.trim() !== '')
    .join(' · ');
}

function number(value: number, digits: number): string {
  return new Intl.NumberFormat('en-US', { maximumFractionDigits: digits }).format(value);
}

/** A value with its unit: 34.2 "%" → "34.2%", 12300 "USD" → "$12,300", 120 "ms" → "120 ms". */
export function formatValue(value: number, unit?: string): string {
  const digits = Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : 2;
  if (!unit || unit === 'count') return number(value, digits);
  if (unit === '%') return `${number(value, 1)}%`;
  if (unit === 'x') return `${number(value, 2)}x`;
  if (/^[A-Z]{3}$/.test(unit)) {
    try {
      return new Intl.NumberFormat('en-US', { style: 'currency', currency: unit, maximumFractionDigits: Math.abs(value) >= 100 ? 0 : 2 }).format(value);
    } catch {
      // Not a currency code Intl knows: fall through to "value UNIT".
    }
  }
  return `${number(value, digits)} ${unit}`;
}

/** "+4.2%", "−1.5 pp", "+$300": the sign always shown, a real minus sign for screen readers. */
export function formatDelta(delta: number, unit?: string): string {
  const sign = delta > 0 ? '+' : delta < 0 ? '−' : '±';
  const body = unit === 'pp' ? `${number(Math.abs(delta), 1)} pp` : formatValue(Math.abs(delta), unit);
  return `${sign}${body}`;
}

/** The last value that is not a gap. */
export function lastValue(series?: Series): { x: string | number; y: number } | undefined {
  const points = series?.points ?? [];
  for (let i = points.length - 1; i >= 0; i--) {
    const { x, y } = points[i];
    if (y !== null) return { x, y };
  }
  return undefined;
}

export const pointCount = (chart: Chart): number => chart.series.reduce((n, s) => n + s.points.length, 0);

export const plural = (n: number, one: string, many = `${one}s`): string => `${number(n, 0)} ${n === 1 ? one : many}`;

/** "read just now", "read 2 min ago", "read 3 h ago". */
export function readAgo(readAt: string, now: number): string {
  const at = Date.parse(readAt);
  if (Number.isNaN(at)) return '';
  const minutes = Math.floor(Math.max(0, now - at) / 60_000);
  if (minutes < 1) return 'read just now';
  if (minutes < 60) return `read ${minutes} min ago`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `read ${hours} h ago`;
  return `read on ${new Date(at).toLocaleDateString('en-US', { month: 'short', day: 'numeric' })}`;
}
