// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AskBox } from '@/components/AskBox';
import { suggestQuestions } from '@/components/SuggestedQuestions';
import type { Finding } from '@/lib/evidence/schema';
import { growthSnapshot } from '../stores/fake-panel-api';
import { act, cleanup, getByRole, h, render } from './render';

afterEach(cleanup);

async function press(el: HTMLElement, key: string, shiftKey = false): Promise<boolean> {
  let sent = true;
  await act(async () => { sent = el.dispatchEvent(new KeyboardEvent('keydown', { key, shiftKey, bubbles: true, cancelable: true })); });
  return sent;
}

describe('AskBox', () => {
  it('is labelled, sends on Enter and keeps Shift+Enter for a new line', async () => {
    const onAsk = vi.fn();
    const onChange = vi.fn();
    const el = await render(h(AskBox, { value: 'Why did signups fall?', onChange, onAsk, busy: false }));
    const box = el.querySelector('textarea')!;
    expect(el.querySelector(`label[for="${box.id}"]`)?.textContent).toBe('Ask about this dashboard');
    expect(await press(box, 'Enter', true)).toBe(true); // not prevented: the browser adds the newline
    expect(onAsk).not.toHaveBeenCalled();
    expect(await press(box, 'Enter')).toBe(false);
    expect(onAsk).toHaveBeenCalledWith('Why did signups fall?');
    expect(onChange).toHaveBeenCalledWith('');
  });

  it('does not send while an answer is coming or without a dashboard, and says why', async () => {
    const onAsk = vi.fn();
    const el = await render(h(AskBox, { value: 'Hi', onChange: vi.fn(), onAsk, busy: false, disabledReason: 'Open a dashboard first.' }));
    await press(el.querySelector('textarea')!, 'Enter');
    expect(onAsk).not.toHaveBeenCalled();
    expect((getByRole(el, 'button', 'Ask') as HTMLButtonElement).disabled).toBe(true);
    expect(el.textContent).toContain('Open a dashboard first.');
  });
});

describe('suggested questions', () => {
  it('come from the board’s findings and charts', () => {
    const f = { id: 'F1', kind: 'level-shift', series: 'Activation rate', changePct: -15.2, at: '2026-10-10' } as Finding;
    const qs = suggestQuestions(growthSnapshot({ readAt: '2026-10-26T09:00:00Z' }), [f]);
    expect(qs).toEqual(['Why did Activation rate fall?', 'Is this normal for a Monday?', 'Which platform is doing best?', 'Which chart changed the most?']);
  });
});
