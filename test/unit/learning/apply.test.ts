import { describe, expect, it } from 'vitest';
import { applyLearning, FEEDBACK_FACTOR, NOTE_FACTOR, visibleFindings, youToldUs } from '@/lib/learning';
import { BOARD, finding, flag, note, triage } from './fixtures';

const NOW = '2026-10-23T10:00:00.000Z';
const base = { dashboard: BOARD, triage: [], feedback: [], notes: [], now: NOW };

describe('suppression: a change people marked expected', () => {
  const judged = finding();
  const seasonal = triage(judged, { verdict: 'expected', reason: 'seasonal campaign' });

  it('disappears on the next read of the same series and period, with the reason', () => {
    // The next read finds the change a day later (more data arrived) and under a new per-read id.
    const next = finding({ id: 'F4', at: '2026-10-11' });
    const { findings, changes } = applyLearning([next], { ...base, triage: [seasonal] });
    expect(findings[0].suppressed).toMatchObject({ verdict: 'expected', reason: "You marked this expected on Oct 12: 'seasonal campaign'" });
    expect(visibleFindings(findings)).toEqual([]);
    expect(changes).toEqual([expect.objectContaining({ findingId: 'F4', effect: 'suppressed', by: 'triage' })]);
    expect(youToldUs(changes)[0]).toBe("Hidden “Activation rate fell 15.2% from Oct 10, 2026”: you marked this expected on Oct 12: 'seasonal campaign'.");
  });

  it.each([
    ['another period (more than 3 days away)', finding({ at: '2026-10-14' })],
    ['another series', finding({ series: 'Signups' })],
    ['another chart', finding({ chartId: 'signups' })],
  ])('still surfaces a change in %s', (_label, other) => {
    const { findings, changes } = applyLearning([other], { ...base, triage: [seasonal] });
    expect(findings[0].suppressed).toBeUndefined();
    expect(visibleFindings(findings)).toHaveLength(1);
    expect(changes).toEqual([]);
  });

  it('is bounded by ±3 days on a time axis, inclusive', () => {
    const edge = applyLearning([finding({ at: '2026-10-13' }), finding({ id: 'F2', at: '2026-10-07' })], { ...base, triage: [seasonal] });
    expect(edge.findings.every((f) => f.suppressed)).toBe(true);
  });

  it('applies to another board only when it is the same board', () => {
    const { findings } = applyLearning([judged], { ...base, dashboard: 'https://app.example.test/project/42/board/other', triage: [seasonal] });
    expect(findings[0].suppressed).toBeUndefined();
  });

  it('follows the newest verdict: a later "real" brings it back; "noise" hides too', () => {
    const real = triage(judged, { verdict: 'real', createdAt: '2026-10-13T10:00:00.000Z' });
    expect(applyLearning([judged], { ...base, triage: [real, seasonal] }).findings[0].suppressed).toBeUndefined();
    const noise = triage(judged, { verdict: 'noise', actor: 'Maya', createdAt: '2026-10-14T10:00:00.000Z' });
    expect(applyLearning([judged], { ...base, triage: [real, seasonal, noise] }).findings[0].suppressed?.reason).toBe('Maya marked this noise on Oct 14');
  });

  it('ignores a triage recorded after `now` (replays are deterministic)', () => {
    expect(applyLearning([judged], { ...base, now: '2026-10-11T00:00:00.000Z', triage: [seasonal] }).findings[0].suppressed).toBeUndefined();
  });

  it('compares index axes by points and categories by name', () => {
    const idx = finding({ at: 20 });
    expect(applyLearning([finding({ at: 23 })], { ...base, triage: [triage(idx, {})] }).findings[0].suppressed).toBeDefined();
    expect(applyLearning([finding({ at: 24 })], { ...base, triage: [triage(idx, {})] }).findings[0].suppressed).toBeUndefined();
    const cat = finding({ at: 'Germany' });
    expect(applyLearning([finding({ at: 'germany' })], { ...base, triage: [triage(cat, {})] }).findings[0].suppressed).toBeDefined();
    expect(applyLearning([finding({ at: 'France' })], { ...base, triage: [triage(cat, {})] }).findings[0].suppressed).toBeUndefined();
  });
});

describe('confidence: notes and feedback that explain a change', () => {
  const outage = note({ uid: 'outage', text: 'The 1 Nov drop was a tracking outage', by: 'Sam', dashboard: 'app.example.test/*' });
  const nov = finding({ id: 'F2', at: '2026-11-02', title: 'Activation rate fell 15.2% from Nov 2, 2026' });

  it('a note whose date covers the change lowers its confidence, says so, and is attached', () => {
    const { findings, changes } = applyLearning([nov, finding()], { ...base, notes: [outage] });
    expect(findings[0]).toMatchObject({ confidence: 0.8 * NOTE_FACTOR, originalConfidence: 0.8 });
    expect(findings[0].adjustments).toEqual([{ by: 'note', id: 'outage', factor: NOTE_FACTOR, text: "Sam's note explains this: 'The 1 Nov drop was a tracking outage'" }]);
    expect(findings[0].notes).toEqual([{ uid: 'outage', text: outage.text, by: 'Sam' }]);
    // Oct 10 is not covered: the note is shown but changes nothing.
    expect(findings[1]).toMatchObject({ confidence: 0.8, adjustments: [], notes: [{ uid: 'outage' }] });
    expect(changes).toHaveLength(1);
    expect(youToldUs(changes)[0]).toBe("Lowered confidence in “Activation rate fell 15.2% from Nov 2, 2026” (confidence high → low): Sam's note explains this: 'The 1 Nov drop was a tracking outage'.");
  });

  it('a note with an explicit period works the same; a note without a date explains nothing', () => {
    const period = note({ uid: 'p', text: 'Migration week', period: { from: '2026-10-28', to: '2026-10-30' } });
    const day7 = note({ uid: 'd7', text: 'Activation is measured on day 7' });
    const { findings } = applyLearning([nov], { ...base, notes: [period, day7] });
    expect(findings[0].adjustments.map((a) => a.id)).toEqual(['p']);
  });

  it('several notes count once; a flag on the same period multiplies once more', () => {
    const twin = note({ uid: 'twin', text: 'Nov 1: tracking outage, see incident 42' });
    const wrong = flag(nov, { id: 7, kind: 'wrong-number', comment: 'double-counted', at: '2026-11-01' });
    const { findings } = applyLearning([nov], { ...base, notes: [outage, twin], feedback: [wrong] });
    expect(findings[0].confidence).toBe(Math.round(0.8 * NOTE_FACTOR * FEEDBACK_FACTOR * 100) / 100);
    expect(findings[0].adjustments.map((a) => `${a.by}:${a.id}`)).toEqual(['note:outage', 'note:twin', 'feedback:7']);
    expect(findings[0].adjustments[2].text).toBe("You flagged this as a wrong number on Oct 12: 'double-counted'");
  });

  it('"missing" feedback and flags on other series lower nothing', () => {
    const f = finding();
    const missing = flag(f, { kind: 'missing', comment: 'what about mobile?' });
    const elsewhere = flag(finding({ series: 'Signups' }), { kind: 'misleading' });
    expect(applyLearning([f], { ...base, feedback: [missing, elsewhere] }).findings[0]).toMatchObject({ confidence: 0.8, adjustments: [] });
  });
});
