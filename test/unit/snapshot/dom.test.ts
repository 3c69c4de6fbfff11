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

  it('takes a card\'s bold label when the card has no heading, not the heading of the card before or of the group', () => {
    document.body.innerHTML = `<section><h2>Acquisition</h2><div class="grid">
      <div class="card"><h3>Daily signups</h3><canvas id="a"></canvas></div>
      <div class="card"><div class="top"><span style="font-weight: 600">Orders placed</span><span>Updated 5 min ago</span></div><div><canvas id="b"></canvas></div></div>
      <div class="card"><div><button><svg></svg></button><b>$12.3K</b><strong>Refunds</strong></div><div id="c"></div></div>
    </div></section>`;
    expect(findTitle(document.getElementById('a')!)).toBe('Daily signups');
    expect(findTitle(document.getElementById('b')!)).toBe('Orders placed');
    // A value in bold is not a title; an icon button is not another chart.
    expect(findTitle(document.getElementById('c')!)).toBe('Refunds');
  });

  it('does not take a bold label from an ancestor that holds other charts', () => {
    document.body.innerHTML = `<main><h1>Board</h1><div><b>Legend</b><canvas id="x"></canvas><canvas id="y"></canvas></div></main>`;
    expect(findTitle(document.getElementById('y')!)).toBe('Board');
  });
});

describe('slug', () => {
  it.each([['Activation rate (%)', 'activation-rate'], ['  ', 'chart'], ['Über Umsatz — 2026', 'uber-umsatz-2026']])('%s → %s', (t, s) => {
    expect(slug(t)).toBe(s);
  });
});
