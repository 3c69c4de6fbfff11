import { describe, expect, it } from 'vitest';
import { contradictions, proposalContradictions } from '@/lib/learning';
import { note } from './fixtures';

const acme = note({ uid: 'acme', text: 'Feature X was built for Acme, our largest customer: never propose removing it', by: 'Maya (PM)' });
const budget = note({ uid: 'budget', text: 'Do not lower the brand search budget before Black Friday' });
const day7 = note({ uid: 'day7', text: 'Activation is measured on day 7' });
const keep = note({ uid: 'keep', text: 'Always keep the legacy CSV export: finance depends on it' });
const notes = [acme, budget, day7, keep];

describe('contradictions', () => {
  it.each([
    ['Remove feature X to simplify onboarding', ['acme']],
    ['Deprecate Feature X', ['acme']],
    ['Sunset the Acme-only feature', ['acme']],
    ['Reduce brand search budget by 20%', ['budget']],
    ['Retire the legacy CSV export', ['keep']],
  ])('flags “%s”', (title, expected) => {
    expect(contradictions({ title }, notes).map((c) => c.note.uid)).toEqual(expected);
  });

  it.each([
    ['Remove feature Y', 'no shared name, one shared generic word'],
    ['Promote feature X to Acme users', 'no forbidden action'],
    ['Do not remove feature X; improve its onboarding instead', 'the removal is negated'],
    ['Raise the brand search budget', 'raising is not what the note forbids'],
    ['Investigate the activation drop on day 7', 'the note forbids nothing'],
  ])('does not flag “%s” (%s)', (title) => {
    expect(contradictions({ title }, notes)).toEqual([]);
  });

  it('reads the summary and details too, and explains itself', () => {
    const [c] = contradictions({ title: 'Simplify settings', summary: 'Fewer toggles for new users', details: ['Delete the Feature X toggle'] }, notes);
    expect(c).toMatchObject({ action: 'remove', note: { uid: 'acme', by: 'Maya (PM)' } });
    expect(c.shared).toEqual(['feature', 'x']);
    expect(c.why).toBe('This proposal would remove something a note asks to protect (both mention “feature”, “x”): “Feature X was built for Acme, our largest customer: never propose removing it”');
  });

  it('a note forbidding any change covers every kind of action', () => {
    const pricing = note({ uid: 'pricing', text: 'Never change Enterprise pricing without the CFO' });
    expect(contradictions({ title: 'Cut Enterprise pricing for Q4' }, [pricing])).toMatchObject([{ action: 'decrease' }]);
  });
});

describe('rollbacks and the proposals in Drafts', () => {
  const onboarding = note({ uid: 'onb', text: 'Never roll back the onboarding flow for new users: Acme trains its staff on it', dashboard: 'http://127.0.0.1:*/growth*', scope: { chart: 'Activation rate' } });
  const rollback = { title: 'Roll back the onboarding change', rationale: 'Rolling back the onboarding change released then tests whether it caused the drop for new users.' };
  const board = 'http://127.0.0.1:4000/growth-mixpanel/';

  it('reads “roll back” and “rolling back” as one action', () => {
    expect(contradictions({ title: 'Rolling back onboarding for new users' }, [onboarding])).toMatchObject([{ action: 'revert' }]);
    expect(contradictions({ title: 'Roll out onboarding to new users' }, [onboarding]), 'rolling out is not rolling back').toEqual([]);
  });

  it('flags a proposal against the notes of its finding’s board and chart, with the note’s words', () => {
    const [c] = proposalContradictions(rollback, [onboarding], { url: board, chartTitle: 'Activation rate', series: 'Activation rate' });
    expect(c).toMatchObject({ action: 'revert', note: { uid: 'onb', text: onboarding.text } });
    expect(c.shared).toEqual(expect.arrayContaining(['onboarding', 'user']));
  });

  it('ignores notes of another board or another chart, and a proposal’s impact and reversibility', () => {
    expect(proposalContradictions(rollback, [onboarding], { url: 'http://127.0.0.1:4000/marketing-ga4/', chartTitle: 'Activation rate' })).toEqual([]);
    expect(proposalContradictions(rollback, [onboarding], { url: board, chartTitle: 'Signups by platform' })).toEqual([]);
    const stopNote = note({ uid: 'exp', text: 'Never stop the pricing experiment for new users early' });
    const experiment = { title: 'Run an experiment to confirm what moved pricing', rationale: 'A controlled test for new users separates the cause from seasonality.' };
    expect(proposalContradictions(experiment, [stopNote], { url: board })).toEqual([]);
  });
});
