import { z } from 'zod';

// The DashboardSnapshot contract of design.md. Everything after the reader sees only this shape, and
// whatever comes out of a page (MAIN-world results above all) is parsed with it before use.

export const CHART_KINDS = ['line', 'bar', 'area', 'pie', 'scatter', 'table', 'other'] as const;
export const SOURCES = [
  'chartjs', 'echarts', 'highcharts', 'plotly', 'vega', 'uplot', 'apexcharts', 'recharts',
  'react', 'vue', 'd3', 'svg', 'canvas', 'table',
] as const;
export const TOOLS = [
  'mixpanel', 'amplitude', 'posthog', 'ga4', 'grafana', 'metabase', 'superset', 'looker-studio', 'generic',
] as const;

export const ChartKind = z.enum(CHART_KINDS);
export const Source = z.enum(SOURCES);
export const Tool = z.enum(TOOLS);

/** x on a time axis is an ISO 8601 string (a date alone for daily data); categories are strings. */
export const X = z.union([z.string().max(200), z.number().finite()]);
/** y is null for a gap (null, NaN or a value the reader could not parse). */
export const Y = z.number().finite().nullable();
export const Point = z.object({ x: X, y: Y });

export const Series = z.object({
  name: z.string().max(300),
  points: z.array(Point),
});

export const Axis = z.object({
  label: z.string().max(300).optional(),
  type: z.enum(['time', 'category', 'number']),
});
export const YAxis = z.object({
  label: z.string().max(300).optional(),
  unit: z.string().max(20).optional(),
});

export const Chart = z.object({
  id: z.string().min(1).max(120),
  title: z.string().max(500),
  kind: ChartKind,
  source: Source,
  /** true: read from the chart's own data; false: estimated from geometry. */
  exact: z.boolean(),
  x: Axis.optional(),
  y: YAxis.optional(),
  series: z.array(Series),
  /** What went wrong or was left out while reading this chart, in words a person understands. */
  notes: z.array(z.string().max(500)).optional(),
});

export const Metric = z.object({
  id: z.string().min(1).max(120),
  label: z.string().max(300),
  value: z.number().finite(),
  unit: z.string().max(20).optional(),
  delta: z.number().finite().optional(),
  /** The delta's own unit: "%" for "+4.2%", "pp" for percentage points, else the value's unit. */
  deltaUnit: z.string().max(20).optional(),
});

export const Context = z.object({
  dateRange: z.string().max(200).optional(),
  filters: z.array(z.string().max(200)).optional(),
  comparison: z.string().max(200).optional(),
  timezone: z.string().max(80).optional(),
});

export const Stats = z.object({
  readMs: z.number().nonnegative(),
  charts: z.number().int().nonnegative(),
  points: z.number().int().nonnegative(),
});

export const DashboardSnapshot = z.object({
  url: z.string(),
  title: z.string(),
  tool: Tool.optional(),
  readAt: z.string(),
  context: Context.optional(),
  charts: z.array(Chart),
  metrics: z.array(Metric),
  evidence: z.array(z.unknown()).optional(),
  findings: z.array(z.unknown()).optional(),
  /** Page-level notes: charts that need a reload to be read, adapters that timed out, values not parsed. */
  notes: z.array(z.string().max(500)).optional(),
  stats: Stats,
});

export type ChartKind = z.infer<typeof ChartKind>;
export type Source = z.infer<typeof Source>;
export type Tool = z.infer<typeof Tool>;
export type Point = z.infer<typeof Point>;
export type Series = z.infer<typeof Series>;
export type Chart = z.infer<typeof Chart>;
export type Metric = z.infer<typeof Metric>;
export type Context = z.infer<typeof Context>;
export type DashboardSnapshot = z.infer<typeof DashboardSnapshot>;
