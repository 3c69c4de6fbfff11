// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { frameKey, frameOffset } from '@/lib/snapshot/frames';

type Win = Window & typeof globalThis;

function frame(parent: Document): HTMLIFrameElement {
  const f = parent.createElement('iframe');
  parent.body.append(f);
  return f;
}

afterEach(() => { document.body.innerHTML = ''; });

describe('frame keys and offsets', () => {
  it('gives the top frame no key, and each frame its place in each parent', () => {
    frame(document);
    const second = frame(document);
    const inner = frame(second.contentDocument!);
    expect(frameKey(window as Win)).toBe('');
    expect(frameKey(second.contentWindow as Win)).toBe('f2');
    expect(frameKey(inner.contentWindow as Win)).toBe('f2-1');
  });

  it('places a same-origin frame at its element, and reads no place where a parent hides it', () => {
    const f = frame(document);
    f.getBoundingClientRect = () => ({ top: 120, left: 30, width: 600, height: 300, right: 630, bottom: 420, x: 30, y: 120, toJSON: () => ({}) });
    expect(frameOffset(f.contentWindow as Win)).toEqual([120, 30]);
    // A parent of another origin: frameElement is null to the frame.
    const crossOrigin = { top: {}, frameElement: null } as unknown as Win;
    expect(frameOffset(crossOrigin)).toBeNull();
  });
});
