import type { Finding } from '@/lib/evidence/schema';
import { usePanel } from '@/lib/stores/use-panel';

/** The names in a finding's title that came from the page (its chart's title, its series), so the
 *  title can show them as quoted page text (WithPageNames). */
export function useFindingPageNames(): (f: Pick<Finding, 'chartId' | 'series'>) => Array<string | undefined> {
  const charts = usePanel((s) => s.snapshot?.charts);
  return (f) => [charts?.find((c) => c.id === f.chartId)?.title, f.series];
}
