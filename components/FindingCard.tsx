import { fmtValue, fmtX, upDown } from '@/lib/evidence/format';
import type { Finding, FindingKind } from '@/lib/evidence/schema';
import type { Chart } from '@/lib/snapshot/schema';
import { usePanel } from '@/lib/stores/use-panel';
import { ConfidenceMeter } from './ConfidenceMeter';
import { EvidenceChips } from './EvidenceChip';
import { FeedbackFlag } from './FeedbackFlag';
import { FindingCardLearning } from './FindingCardLearning';
import { PageText } from './PageText';
import { TriageControls } from './TriageControls';
import { WithPageNames } from './WithPageNames';

const KIND: Record<FindingKind, string> = { 'level-shift': 'Lasting shift', anomaly: 'One-off', trend: 'Steady trend' };
const SINCE: Record<FindingKind, string> = { 'level-shift': 'since', anomaly: 'on', trend: 'from' };

/** "down 16.1% · 34.3% → 28.8% · since Oct 10, 2026": every number written by lib/evidence/format. */
export function sizeLine(f: Finding): string {
  return `${upDown(f.changePct)} · ${fmtValue(f.before, f.unit)} → ${fmtValue(f.after, f.unit)} · ${SINCE[f.kind]} ${fmtX(f.at)}`;
}

interface Props {
  finding: Finding;
  chart?: Chart;
  triageKey: string;
}

/** One notable change, as a person triages it: the claim, its size and start, how sure Loupe is and
 *  why it could be wrong, the evidence one click from the page, and the person's verdict. */
export function FindingCard({ finding, chart, triageKey }: Props) {
  const headingId = `finding-${finding.id}`;
  const shown = usePanel((s) => (s.shownEvidence && finding.evidenceIds.includes(s.shownEvidence) ? s.highlight : null));
  const chartName = chart?.title || finding.chartId;
  return (
    <li className="finding-card" aria-labelledby={headingId}>
      <p className="finding-meta">
        <span className="finding-id">{finding.id}</span> · {KIND[finding.kind]} · in <PageText text={chartName} />
        {chart && chart.series.length > 1 && <> · <PageText text={finding.series} /></>}
      </p>
      <h3 className="finding-title" id={headingId}><WithPageNames text={finding.title} names={[chart?.title, finding.series]} /></h3>
      <p className="finding-size">{sizeLine(finding)}</p>
      <ConfidenceMeter confidence={finding.confidence} />
      {finding.caveats.length > 0 && (
        <div className="caveats">
          <h4 className="caveats-title">What could make this wrong</h4>
          <ul>{finding.caveats.map((c) => <li key={c}>{c}</li>)}</ul>
        </div>
      )}
      <div className="finding-evidence">
        <span className="muted">Evidence</span>
        <EvidenceChips ids={finding.evidenceIds} label={`Evidence for ${finding.id}`} />
      </div>
      <p className="finding-shown muted" aria-live="polite">
        {shown?.status === 'shown' && <>Outlined <PageText text={chartName} /> on the page.</>}
        {shown?.status === 'failed' && (shown.message ?? 'Loupe could not show that chart.')}
      </p>
      <FindingCardLearning findingId={finding.id} />
      <TriageControls finding={finding} triageKey={triageKey} />
      <FeedbackFlag finding={finding} />
    </li>
  );
}
