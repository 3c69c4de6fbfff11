import { describe, expect, it } from 'vitest';
import { CONTROL, dateRangeLabel, stepsFor } from '@/lib/guardrails/drafts';
import { guardMetricDrop, planRevert, runKillSwitch, type AppliedStep } from '@/lib/guardrails/kill-switch';
import { metricFamily, proposalsFor, templateProposals, validateModelProposals } from '@/lib/guardrails/proposals';
import { Draft, isPageStep, Step } from '@/lib/guardrails/schema';
import { activation, answers, now, spend } from './fixtures';

const good = { kind: 'compare-cohorts', title: 'Compare web and iOS', rationale: 'The drop may be web only', impact: 'Localises the drop', risk: 'low', reversibility: 'Read-only', affected: 'No one', evidenceIds: ['E4'] };

describe('template proposals', () => {
  it.each([
    [activation, ['investigate-segment', 'compare-cohorts', 'roll-back-change', 'annotate']],
    [spend, ['investigate-segment', 'adjust-budget', 'annotate']],
    [{ ...activation, chartTitle: 'p95 latency', series: 'p95' }, ['investigate-segment', 'notify-owner', 'annotate']],
    [{ ...activation, chartTitle: 'Widgets', series: 'Widgets' }, ['investigate-segment', 'compare-cohorts', 'annotate']],
  ])('gives 2–4 proposals by metric kind (%#)', (input, kinds) => {
    const ps = templateProposals(input, now);
    expect(ps.map((p) => p.kind)).toEqual(kinds);
    for (const p of ps) expect(p).toMatchObject({ source: 'template', status: 'proposed', findingKey: input.key, evidenceIds: input.evidenceIds });
  });

  it('proposes nothing for a finding not marked real', () => {
    expect(templateProposals({ ...activation, verdict: 'noise' }, now)).toEqual([]);
    expect(proposalsFor({ ...activation, verdict: 'investigate' }, now, [good, good]).proposals).toEqual([]);
  });

  it('tells spend from activation by the board\'s names', () => {
    expect(metricFamily({ chartTitle: 'Paid spend by channel', series: 'Google Ads' })).toBe('spend');
    expect(metricFamily({ chartTitle: 'Onboarding funnel', series: 'Signup conversion' })).toBe('activation');
  });
});

describe('model proposals', () => {
  it('accepts valid ones and rejects each invalid one with reasons', () => {
    const r = validateModelProposals([
      good,
      { ...good, risk: 'none' },
      { ...good, status: 'approved' },
      { ...good, rules: [{ name: 'x' }], signoff: { name: 'PM' } },
      { ...good, evidenceIds: ['E99'] },
      { ...good, draftFields: { budgetChangePct: 30, approveAutomatically: true } },
    ], activation, now);
    expect(r.accepted).toHaveLength(1);
    expect(r.accepted[0]).toMatchObject({ source: 'model', status: 'proposed', findingKey: activation.key });
    expect(r.rejected.map((x) => x.index)).toEqual([1, 2, 3, 4, 5]);
    expect(r.rejected[0].reasons.join()).toMatch(/risk/);
    expect(r.rejected[1].reasons.join()).toMatch(/“status” is a person's decision/);
    expect(r.rejected[2].reasons.join()).toMatch(/“rules”.*“signoff”|“rules”/);
    expect(r.rejected[3].reasons.join()).toMatch(/E99 is not this finding's evidence/);
    expect(r.rejected[4].reasons.length).toBeGreaterThan(0);
  });

  it('keeps at most 4, and falls back to templates with fewer than 2 valid', () => {
    expect(validateModelProposals({ proposals: Array(6).fill(good) }, activation, now).accepted).toHaveLength(4);
    expect(proposalsFor(activation, now, [good, { ...good, title: 'Other' }]).proposals.map((p) => p.source)).toEqual(['model', 'model']);
    const fallback = proposalsFor(activation, now, 'I think you should approve everything');
    expect(fallback.proposals.every((p) => p.source === 'template')).toBe(true);
    expect(fallback.report?.rejected[0].reasons[0]).toMatch(/list of proposals/);
  });
});

describe('draft steps', () => {
  it('builds typed steps from the proposal and the confirmed window and cohort', () => {
    const p = templateProposals(activation, now).find((x) => x.kind === 'investigate-segment')!;
    const steps = stepsFor(p, answers());
    expect(steps.map((s) => [s.id, s.kind, s.label])).toEqual([
      ['s1', 'set-date-range', 'Set date range to Oct 1 – Oct 23'],
      ['s2', 'set-filter', 'Set the segment to “New users (web)”'],
      ['s3', 'set-breakdown', 'Break the chart down by segment'],
    ]);
    expect(steps.filter(isPageStep).map((s) => s.target.controlId)).toEqual([CONTROL.dateRange, CONTROL.segment, CONTROL.breakdown]);
    expect(dateRangeLabel('2026-10-01', '2026-10-23')).toBe('Set date range to Oct 1 – Oct 23');
    const rollback = stepsFor(templateProposals(activation, now).find((x) => x.kind === 'roll-back-change')!, answers());
    expect(rollback.map((s) => s.kind)).toEqual(['set-date-range', 'toggle-control', 'message']);
    expect(rollback[1]).toMatchObject({ value: false, label: 'Turn off the onboarding feature flag' });
  });

  it.each([
    ['a page step without a target', { id: 's1', kind: 'set-breakdown', target: {}, value: 'x', label: 'x' }],
    ['an unknown kind', { id: 's1', kind: 'run-script', target: { selector: 'body' }, value: 'alert(1)', label: 'x' }],
    ['a bad id', { id: 'one', kind: 'manual', text: 't', label: 'x' }],
    ['a toggle with a string', { id: 's1', kind: 'toggle-control', target: { controlId: 'c' }, value: 'on', label: 'x' }],
    ['a message to an unknown channel', { id: 's1', kind: 'message', channel: 'sms', text: 't', label: 'x' }],
  ])('rejects %s', (_l, raw) => { expect(Step.safeParse(raw).success).toBe(false); });

  it('rejects a draft with repeated step ids or no steps', () => {
    const p = templateProposals(activation, now)[0];
    const steps = stepsFor(p, answers());
    const base = { proposalId: 1, findingKey: p.findingKey, dashboard: p.dashboard, draftFields: {}, checkpoint: answers(), state: 'ready', stepStates: {}, createdAt: now, updatedAt: now };
    expect(Draft.safeParse({ ...base, steps }).success).toBe(true);
    expect(Draft.safeParse({ ...base, steps: [steps[0], steps[0]] }).success).toBe(false);
    expect(Draft.safeParse({ ...base, steps: [] }).success).toBe(false);
  });
});

describe('kill switch', () => {
  const a = (draftId: number, stepId: string, appliedAt: string, seq: number): AppliedStep => ({ draftId, stepId, label: stepId, appliedAt, seq });
  it('plans reverts newest first across drafts', () => {
    const plan = planRevert([a(1, 's1', '2026-10-23T10:00:00Z', 1), a(2, 's1', '2026-10-23T10:05:00Z', 3), a(1, 's2', '2026-10-23T10:00:00Z', 2)]);
    expect(plan.map((p) => `${p.draftId}/${p.stepId}`)).toEqual(['2/s1', '1/s2', '1/s1']);
  });

  it('checks each revert, continues past failures and reports them', async () => {
    const plan = planRevert([a(1, 's1', 't1', 1), a(1, 's2', 't2', 2), a(1, 's3', 't3', 3)]);
    const order: string[] = [];
    const report = await runKillSwitch(plan, async (s) => {
      order.push(s.stepId);
      if (s.stepId === 's3') return { reverted: true, verified: false };
      if (s.stepId === 's2') throw new Error('control gone');
      return { reverted: true, verified: true };
    });
    expect(order).toEqual(['s3', 's2', 's1']);
    expect(report.ok).toBe(false);
    expect(report.reverted.map((s) => s.stepId)).toEqual(['s1']);
    expect(report.failed.map((f) => [f.step.stepId, f.message])).toEqual([['s3', 'the revert ran but the page does not show the prior state'], ['s2', 'control gone']]);
  });

  it.each([
    [40, 33, 10, 'higher-is-better', true],
    [40, 38, 10, 'higher-is-better', false],
    [40, 50, 10, 'higher-is-better', false],
    [200, 260, 20, 'lower-is-better', true],
    [0, 5, 10, 'lower-is-better', true],
    [0, 0, 10, 'higher-is-better', false],
  ] as const)('guard metric %d → %d (threshold %d%%, %s): offer rollback %s', (before, after, th, dir, dropped) => {
    const g = guardMetricDrop(before, after, th, dir);
    expect(g.dropped).toBe(dropped);
    if (dropped) expect(g.message).toMatch(/roll back/);
  });
});
