import type { Chart } from '@/lib/snapshot/schema';
import { ExplainChart } from './ExplainChart';
import { formatValue, kindName, lastValue, plural, pointCount, sourceName } from './format';
import { PageText } from './PageText';

interface Props {
  chart: Chart;
  busy: boolean;
  onShow(chartId: string): void;
}

/** One chart as read: what it is, how it was read, how much data, its latest value, and a way to see it. */
export function ChartCard({ chart, busy, onShow }: Props) {
  const first = chart.series[0];
  const last = lastValue(first);
  const name = chart.title || `Untitled ${kindName(chart)}`;
  const headingId = `chart-${chart.id}`;
  return (
    <li className="chart-card" aria-labelledby={headingId}>
      <div className="chart-head">
        <h3 className="chart-title" id={headingId}>
          {chart.title ? <PageText text={chart.title} /> : name}
        </h3>
        <span className={`badge ${chart.exact ? 'exact' : 'estimated'}`}
          title={chart.exact ? "Read from the chart's own data" : 'Measured from the drawing: values are approximate'}>
          {chart.exact ? 'exact' : 'estimated'}
        </span>
      </div>
      <p className="chart-meta">{kindName(chart)} · {sourceName(chart.source)}</p>
      <dl className="chart-facts">
        <div><dt>Points</dt><dd>{pointCount(chart).toLocaleString('en-US')}</dd></div>
        <div><dt>Series</dt><dd>{chart.series.length}</dd></div>
        {last && (
          <div className="last-value">
            <dt>Last{chart.series.length > 1 && first.name ? <> (<PageText text={first.name} />)</> : ''}</dt>
            <dd>{formatValue(last.y, chart.y?.unit)} <span className="muted">at <PageText text={String(last.x)} /></span></dd>
          </div>
        )}
      </dl>
      {chart.notes && chart.notes.length > 0 && (
        <ul className="notes" aria-label="Notes on this chart">
          {chart.notes.map((note) => <li key={note}>{note}</li>)}
        </ul>
      )}
      <div className="chart-actions">
        <button type="button" className="button show" onClick={() => onShow(chart.id)} aria-busy={busy}>
          Show <span className="visually-hidden"><PageText text={name} /> </span>on the page
        </button>
        <ExplainChart chartId={chart.id} name={name} />
      </div>
    </li>
  );
}
