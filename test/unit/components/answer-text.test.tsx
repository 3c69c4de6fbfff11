// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AnswerText } from '@/components/AnswerText';
import { AnswerMessage } from '@/components/AnswerMessage';
import type { ChatTurn } from '@/lib/stores/chat-slice';
import type { ChatEvidence, ChatMark } from '@/lib/db/chats';
import { allByRole, cleanup, click, getByRole, h, render } from './render';

// The answer renderer is the last line of defence against a model's reply: nothing in it may become
// live markup, load a resource, or navigate away from the dashboard.

afterEach(cleanup);

const E1: ChatEvidence = { id: 'E1', chartId: 'activation-rate', claim: '“Activation rate” fell 15.2% from Oct 10', points: ['2026-10-09', '2026-10-10'] };
const ORIGIN = 'http://127.0.0.1:4173';

async function show(text: string, marks: ChatMark[] = [], onCite = vi.fn()) {
  const el = await render(h(AnswerText, { text, marks, evidence: [E1], pageOrigin: ORIGIN, onCite }));
  return { el, onCite };
}

describe('AnswerText', () => {
  it('shows raw HTML as text: no img, script or anchor element, no handler', async () => {
    // ADVERSARIAL.rawHtml of test/fixtures/llm-scripts/presets.mjs.
    const { el } = await show('Summary <img src=x onerror=alert(1)> <script>fetch("http://127.0.0.2:9/x")</script> <a href="javascript:alert(1)">open</a>');
    expect(el.querySelector('img, script, a, iframe, [onerror]')).toBeNull();
    expect(el.textContent).toContain('<img src=x onerror=alert(1)>');
    expect(el.textContent).toContain('<script>');
  });

  it('never creates an img for a markdown image: it says the image was removed', async () => {
    const { el } = await show('Here: ![activation chart](http://127.0.0.2:9/leak?d=1) done');
    expect(el.querySelector('img')).toBeNull();
    expect(el.textContent).toContain('[image removed: activation chart]');
  });

  it('shows links to other hosts as text with their URL, and keeps the dashboard’s own links', async () => {
    const { el } = await show('See [details](http://127.0.0.3:9/p?k=secret), <http://localhost:9/auto> and [the board](http://127.0.0.1:4173/dashboards/growth/).');
    const anchors = Array.from(el.querySelectorAll('a'));
    expect(anchors).toHaveLength(1);
    expect(anchors[0].getAttribute('href')).toBe('http://127.0.0.1:4173/dashboards/growth/');
    expect(anchors[0].getAttribute('rel')).toBe('noopener noreferrer');
    expect(el.textContent).toContain('details (http://127.0.0.3:9/p?k=secret)');
    expect(el.textContent).toContain('http://localhost:9/auto');
  });

  it('drops javascript: links to text', async () => {
    const { el } = await show('[open](javascript:alert(1))');
    expect(el.querySelector('a')).toBeNull();
    expect(el.textContent).toContain('open');
  });

  it('turns citations into chips that show their evidence; unknown ids stay marked text', async () => {
    const { el, onCite } = await show('Activation rate fell 15.2% [E1]. Revenue rose [E9].');
    const chip = getByRole(el, 'button', 'Show evidence E1 on the page');
    await click(chip);
    expect(onCite).toHaveBeenCalledWith(E1);
    expect(allByRole(el, 'button')).toHaveLength(1);
    expect(el.textContent).toContain('[E9]');
    expect(el.textContent).toContain('no such evidence');
  });

  it('makes one chip per id in a combined citation', async () => {
    const two = { ...E1, id: 'E2' };
    const el = await render(h(AnswerText, { text: 'Both [E1, E2].', evidence: [E1, two], onCite: vi.fn() }));
    expect(allByRole(el, 'button').map((b) => b.getAttribute('aria-label'))).toEqual(['Show evidence E1 on the page', 'Show evidence E2 on the page']);
  });

  it('marks each unsupported number with a visible underline and an accessible explanation', async () => {
    const text = 'Activation rate fell **42.7%** [E1], from 61.0% to 12.5% [E1].';
    const marks: ChatMark[] = ['42.7%', '61.0%'].map((t) => ({ start: text.indexOf(t), end: text.indexOf(t) + t.length, text: t, status: 'unsupported' }));
    const { el } = await show(text, marks);
    const marked = Array.from(el.querySelectorAll('mark.unsupported'));
    expect(marked.map((m) => m.firstChild?.textContent)).toEqual(['42.7%', '61.0%']);
    for (const m of marked) {
      expect(m.getAttribute('title')).toMatch(/not found in the dashboard/);
      expect(m.querySelector('.visually-hidden')?.textContent).toMatch(/not found in the dashboard/);
    }
    expect(el.textContent).toContain('12.5%');
    expect(el.querySelectorAll('mark')).toHaveLength(2);
  });

  it('a cited note is no button to the page; the answer lists what you told Loupe', async () => {
    const N1: ChatEvidence = { id: 'N1', chartId: '', claim: 'Maya (PM) told us: “Activation is measured on day 7.”', points: [] };
    const turn: ChatTurn = {
      key: 'k', dashboard: 'http://127.0.0.1:4173/g/', question: 'Why?', answer: 'It fell [E1], measured on day 7 [N1].',
      status: 'done', provider: 'Test', createdAt: '2026-11-26T00:00:00Z', updatedAt: '2026-11-26T00:00:00Z', retries: [],
      citations: ['E1', 'N1'], unsupported: 0, marks: [], evidenceIds: ['E1'], evidence: [E1, N1],
    };
    const el = await render(h(AnswerMessage, { turn, busy: false, onStop: vi.fn(), onRetry: vi.fn(), onCite: vi.fn() }));
    expect(allByRole(el, 'button').map((b) => b.getAttribute('aria-label'))).toEqual(['Show evidence E1 on the page']);
    expect(getByRole(el, 'list', 'What you told Loupe that this answer used').textContent).toContain('Maya (PM) told us: “Activation is measured on day 7.”');
  });
});
