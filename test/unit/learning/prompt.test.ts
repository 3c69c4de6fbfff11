import { describe, expect, it } from 'vitest';
import { buildRequest } from '@/lib/copilot/prompt';
import { verifyText } from '@/lib/copilot/verify';
import { citedLearning, matchNotes, promptNotes } from '@/lib/learning';
import { BOARD, finding, flag, note, triage } from './fixtures';

describe('promptNotes', () => {
  const f = finding({ id: 'F3' });
  const notes = [note({ uid: 'd7', text: 'Activation is measured on day 7', by: 'Maya' })];
  const feedback = [flag(f, { id: 5, kind: 'misleading', comment: 'The drop is a redefinition, not churn' })];
  const tri = [triage(f, { verdict: 'expected', reason: 'seasonal campaign', createdAt: '2026-10-11T09:00:00.000Z' })];
  const learned = promptNotes(matchNotes(notes, { url: BOARD }), feedback, { findings: [f], dashboard: BOARD, triage: tri, now: '2026-10-23T00:00:00.000Z' });

  it('produces buildRequest’s notes and feedback, numbered as the prompt numbers them', () => {
    expect(learned.notes).toEqual([{ text: 'Activation is measured on day 7', by: 'Maya' }]);
    expect(learned.feedback).toEqual([
      { kind: 'triaged expected', text: 'Activation rate at 2026-10-10: seasonal campaign', findingId: 'F3' },
      { kind: 'misleading', text: 'The drop is a redefinition, not churn', findingId: 'F3' },
    ]);
    expect(learned.refs.map((r) => `${r.ref}:${r.source}:${r.id}`)).toEqual(['N1:note:d7', `N2:triage:${tri[0].key}`, 'N3:feedback:5']);
    const { request } = buildRequest({ question: 'Why did activation fall?', evidence: [], findings: [f], notes: learned.notes, feedback: learned.feedback });
    const user = request.messages.at(-1)!.content as string;
    expect(user).toContain('N1 | "Maya": "Activation is measured on day 7"');
    expect(user).toContain('N3 | feedback "misleading" on F3: "The drop is a redefinition, not churn"');
  });

  it('maps an answer’s [N…] citations back to “you told us …”, and the verifier accepts them', () => {
    const answer = 'Activation is counted on day 7 [N1], and you said the October dip was seasonal [N2] [N1].';
    expect(citedLearning(answer, learned.refs).map((r) => r.text)).toEqual([
      'Maya told us: “Activation is measured on day 7”',
      'You marked the change in “Activation rate” expected on Oct 11: “seasonal campaign”',
    ]);
    const v = verifyText(answer, [], { noteIds: learned.refs.map((r) => r.ref) });
    expect(v.unknownCitations).toEqual([]);
  });

  it('leaves out feedback from other boards and keeps the newest when there is too much', () => {
    const other = flag(f, { dashboard: 'https://elsewhere.test/', id: 9 });
    const many = Array.from({ length: 30 }, (_, i) => flag(f, { id: 100 + i, createdAt: `2026-10-${String(i % 28 + 1).padStart(2, '0')}T00:00:00.000Z` }));
    const out = promptNotes([], [other, ...many], { dashboard: BOARD });
    expect(out.feedback).toHaveLength(20);
    expect(out.refs.some((r) => r.id === 9)).toBe(false);
  });
});
