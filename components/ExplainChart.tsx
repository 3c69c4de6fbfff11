import { useId, useMemo, useState } from 'react';
import { explainChart } from '@/lib/copilot/explain';
import { usePanel } from '@/lib/stores/use-panel';
import { ExplainText } from './ExplainText';
import { PageText } from './PageText';

/** "Explain this chart" on a chart card: the explainer limited to one chart; numbers are checked
 *  against that chart's evidence only. */
export function ExplainChart({ chartId, name }: { chartId: string; name: string }) {
  const snapshot = usePanel((s) => s.snapshot);
  const analysis = usePanel((s) => s.analysis);
  const [open, setOpen] = useState(false);
  const regionId = useId();
  const explanation = useMemo(
    () => (open && snapshot && analysis ? explainChart(snapshot, chartId, analysis) : null),
    [open, snapshot, analysis, chartId],
  );
  if (!snapshot || !analysis) return null;
  return (
    <div className="explain explain-chart">
      <button type="button" className="button" aria-expanded={open} aria-controls={regionId} onClick={() => setOpen(!open)}>
        {open ? 'Hide the explanation' : 'Explain this chart'}<span className="visually-hidden">: <PageText text={name} /></span>
      </button>
      <section id={regionId} role="region" className="explain-output" hidden={!open} aria-label={`Explanation of ${name}`}>
        {explanation && (
          <ExplainText markdown={explanation.markdown} evidence={analysis.evidence} findings={analysis.findings}
            chartId={chartId} headingLevel={4} />
        )}
      </section>
    </div>
  );
}
