// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { isHidden } from '@/lib/snapshot/page/dom-util';

/** jsdom has no layout: give elements the sizes Chromium would. */
function sized(el: Element, width: number, height: number): void {
  el.getBoundingClientRect = () => ({ width, height, x: 0, y: 0, top: 0, left: 0, right: width, bottom: height, toJSON: () => ({}) });
}

describe('isHidden with layout', () => {
  it.each([
    ['a box with a size', '<div id="t" style="display:block"><span>1</span></div>', [16, 20], [0, 0], false],
    ['a zero-size box', '<div id="t"><span>1</span></div>', [0, 0], [0, 0], true],
    // A grid wrapper around a <dt>/<dd> pair has no box of its own; its children are drawn.
    ['a display:contents wrapper whose child is drawn', '<div id="t" style="display:contents"><span>1</span></div>', [0, 0], [40, 20], false],
    ['a display:contents wrapper whose children are not', '<div id="t" style="display:contents"><span>1</span></div>', [0, 0], [0, 0], true],
  ] as const)('%s', (_name, html, own, child, hidden) => {
    document.body.innerHTML = html;
    const el = document.getElementById('t')!;
    sized(el, own[0], own[1]);
    sized(el.firstElementChild!, child[0], child[1]);
    expect(isHidden(el, window, true)).toBe(hidden);
  });
});
