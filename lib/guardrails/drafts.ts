import { Step, type CheckpointAnswers, type Proposal } from './schema';

// Turns an approved, checked proposal into typed steps. The steps are built from the proposal's kind
// and the person's checkpoint answers only (window and cohort they confirmed), never from page text or
// model prose, and each one is parsed by the Step schema. Targets are control ids as data: the page
// action module (lib/actions/steps/) resolves them on the open dashboard.

/** The control ids steps name, one naming everywhere: a dashboard marks its controls with these as
 *  `id` or `data-control` (the sample boards do), and the action module matches them as values. */
export const CONTROL = {
  dateRange: 'date-range',
  segment: 'segment',
  breakdown: 'breakdown',
  annotations: 'annotations',
} as const;

/** The feature-flag switch a rollback turns off: a switch whose id names the onboarding change. */
export const ONBOARDING_FLAG = '[role="switch"][id*="onboarding" i]';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "2026-10-01" → "Oct 1"; anything else is shown as written. */
export function shortDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return iso;
  return `${MONTHS[Number(m[2]) - 1] ?? m[2]} ${Number(m[3])}`;
}

export function dateRangeLabel(from: string, to: string): string {
  return `Set date range to ${shortDate(from)} – ${shortDate(to)}`;
}

type StepInput = Step extends infer S ? (S extends { id: string } ? Omit<S, 'id'> : never) : never;

/** Steps for a proposal after an "act" checkpoint. Numbered s1, s2, … in the order they run. */
export function stepsFor(proposal: Proposal, checkpoint: CheckpointAnswers): Step[] {
  const { window, cohort } = checkpoint;
  const metric = proposal.draftFields.metric ?? 'the metric';
  const range: StepInput = {
    kind: 'set-date-range', target: { controlId: CONTROL.dateRange }, value: { from: window.from, to: window.to },
    label: dateRangeLabel(window.from, window.to),
  };
  const segment: StepInput = {
    kind: 'set-filter', target: { controlId: CONTROL.segment }, value: { value: cohort }, label: `Set the segment to “${cohort}”`,
  };
  const note = `${proposal.title}. ${proposal.rationale}`;
  let steps: StepInput[];
  switch (proposal.kind) {
    case 'investigate-segment':
      steps = [range, segment, { kind: 'set-breakdown', target: { controlId: CONTROL.breakdown }, value: 'segment', label: 'Break the chart down by segment' }];
      break;
    case 'compare-cohorts':
      steps = [range, { kind: 'set-breakdown', target: { controlId: CONTROL.breakdown }, value: 'cohort', label: 'Break the chart down by cohort' }];
      break;
    case 'annotate':
      steps = [{ kind: 'add-annotation', target: { controlId: CONTROL.annotations }, value: { at: window.from, text: proposal.title }, label: `Add an annotation at ${shortDate(window.from)}` }];
      break;
    case 'roll-back-change':
      // The page's own way to roll back: view the confirmed window, then turn the change's flag off.
      steps = [
        range,
        { kind: 'toggle-control', target: { selector: ONBOARDING_FLAG }, value: false, label: 'Turn off the onboarding feature flag' },
        { kind: 'message', channel: 'slack', text: `Rolling back: ${note} Watching ${metric}.`, label: 'Tell the team in Slack' },
      ];
      break;
    case 'adjust-budget':
      steps = [
        { kind: 'manual', text: `Move ${proposal.draftFields.budgetChangePct ?? '?'}% of the budget as proposed: ${proposal.title}.`, label: 'Change the budget in the ad platform' },
        { kind: 'message', channel: 'ticket', text: `Budget change: ${note} Window: ${window.label}.`, label: 'File a ticket for the budget change' },
      ];
      break;
    case 'run-experiment':
      steps = [
        { kind: 'manual', text: `Set up an experiment on ${metric} for ${cohort}.`, label: 'Set up the experiment' },
        { kind: 'message', channel: 'ticket', text: `Experiment request: ${note}`, label: 'File the experiment request' },
      ];
      break;
    case 'notify-owner':
      steps = [{ kind: 'message', channel: 'slack', text: `${note} Window: ${window.label}; cohort: ${cohort}.`, label: 'Tell the owning team' }];
      break;
  }
  return steps.map((s, i) => Step.parse({ ...s, id: `s${i + 1}` }));
}
