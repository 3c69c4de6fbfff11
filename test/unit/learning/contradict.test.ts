import { describe, expect, it } from 'vitest';
import { contradictions } from '@/lib/learning';
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
