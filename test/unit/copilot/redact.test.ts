import { describe, expect, it } from 'vitest';
import { makeRedactor, redact } from '../../../lib/copilot/redact';

describe('redact', () => {
  it('hides emails, default user ids and UUIDs by default, keeping citations and numbers', () => {
    const r = redact('Owner ann.lee@acme.co.uk, user_8f3k2 and 3f2b8c1e-9a4d-4e2b-8c7f-1a2b3c4d5e6f fell 15.3% [E6][N1] F1');
    expect(r.text).toBe('Owner [email], [user id] and [user id] fell 15.3% [E6][N1] F1');
    expect(r.report).toEqual({ emails: 1, ids: 2, names: 0 });
  });

  it('hides configured names as whole words, any case, longest first', () => {
    const r = redact('Ann Lee asked; ann said Annual revenue is up. José too.', { names: ['Ann', 'Ann Lee', 'José'] });
    expect(r.text).toBe('[name] asked; [name] said Annual revenue is up. [name] too.');
    expect(r.report.names).toBe(3);
  });

  it('takes configured id patterns and leaves look-alikes alone', () => {
    const r = redact('acct-12345 and cust_9 but not account-12345 or user_growth_chart', { idPatterns: ['acct-\\d+', 'cust_\\d+'] });
    expect(r.text).toBe('[user id] and [user id] but not account-12345 or user_growth_chart');
  });

  it('can be switched off, per kind or entirely', () => {
    expect(redact('a@b.io user_1', { enabled: false }).text).toBe('a@b.io user_1');
    expect(redact('a@b.io user_1', { emails: false }).text).toBe('a@b.io [user id]');
  });

  it('rejects a pattern that is not a regular expression', () => {
    expect(() => makeRedactor({ idPatterns: ['(unclosed'] })).toThrow(/Not a valid regular expression/);
  });

  it('counts across every text one redactor sees', () => {
    const r = makeRedactor({ names: ['Maya'] });
    r('Maya');
    r('x@y.com and Maya');
    expect(r.report).toEqual({ emails: 1, ids: 0, names: 2 });
  });
});
