import type { Chart } from '@/lib/snapshot/schema';
import { usePanel } from '@/lib/stores/use-panel';
import { ChartCard } from './ChartCard';

/** The charts read from the page, in reading order, each one click away from its place on the page. */
export function ChartList({ charts }: { charts: Chart[] }) {
  const highlight = usePanel((s) => s.highlight);
  const showChart = usePanel((s) => s.showChart);
  const shown = highlight ? charts.find((c) => c.id === highlight.chartId) : undefined;
  const name = shown ? shown.title || 'the chart' : '';

  return (
    <>
      <p className="highlight-status" role="status">
        {highlight?.status === 'shown' && `Outlined “${name}” on the page.`}
        {highlight?.status === 'failed' && (highlight.message ?? 'Loupe could not show that chart.')}
      </p>
      {charts.length > 0 && (
        <ul className="charts" aria-label="Charts">
          {charts.map((chart) => (
            <ChartCard key={chart.id} chart={chart} onShow={(id) => void showChart(id)}
              busy={highlight?.chartId === chart.id && highlight.status === 'showing'} />
          ))}
        </ul>
      )}
    </>
  );
}
