// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { findTitle, slug } from '@/lib/snapshot/dom';

describe('findTitle', () => {
  it('takes the nearest heading before the chart, not the first one on a flat page', () => {
    document.body.innerHTML = `<main><h2>Weekly retention</h2><div id="a"></div><h2>Channel share</h2><div id="b"></div></main>`;
    expect(findTitle(document.getElementById('a')!)).toBe('Weekly retention');
    expect(findTitle(document.getElementById('b')!)).toBe('Channel share');
  });

  it('prefers the chart\'s own accessible name, then its card\'s header', () => {
    document.body.innerHTML = `<section><h3>Card title</h3><figure><svg id="s" aria-label="Revenue by month"></svg></figure></section>
      <section><header><h3>Signup funnel</h3></header><div><canvas id="c"></canvas></div></section>`;
    expect(findTitle(document.getElementById('s')!)).toBe('Revenue by month');
    expect(findTitle(document.getElementById('c')!)).toBe('Signup funnel');
  });

  it('ignores headings inside the chart itself (axis titles) and after it', () => {
    document.body.innerHTML = `<div><h4>Queue depth</h4><div id="c"><div class="title">y axis</div></div><h4>Next card</h4></div>`;
    expect(findTitle(document.getElementById('c')!)).toBe('Queue depth');
  });
});

describe('slug', () => {
  it.each([['Activation rate (%)', 'activation-rate'], ['  ', 'chart'], ['Über Umsatz — 2026', 'uber-umsatz-2026']])('%s → %s', (t, s) => {
    expect(slug(t)).toBe(s);
  });
});
