// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { COVERS_TOLERATED, COVERS_WITHIN_MS, TAMPERING_TOLERATED, createCoverCount, createLayer } from './layer';

const BOX = { left: 10, top: 20, width: 360, height: 340 };
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

function added(): Element[] {
  return Array.from(document.documentElement.children).filter(
    (child) => child !== document.head && child !== document.body,
  );
}

afterEach(() => {
  for (const element of added()) element.remove();
});

describe("the card's layer in the page", () => {
  it('is one element with a random name that the page cannot look into, and nothing before it is shown', () => {
    const first = createLayer('', () => undefined);
    expect(added()).toEqual([]);
    first.show(BOX);
    const second = createLayer('', () => undefined);
    second.show(BOX);
    const [a, b] = added();
    expect(a?.localName).toMatch(/^[a-z]{5}-[a-z]{6}$/);
    expect(a?.localName).not.toBe(b?.localName);
    expect(a?.shadowRoot, 'a closed shadow root').toBeNull();
    expect(a?.getAttribute('style')).toBe('all:initial!important');
  });

  it('puts back what the page changes on it', async () => {
    const layer = createLayer('', () => undefined);
    layer.show(BOX);
    const [host] = added();
    host!.setAttribute('style', 'display:none!important');
    host!.setAttribute('hidden', '');
    host!.className = 'x';
    await settle();
    expect(host!.getAttribute('style')).toBe('all:initial!important');
    expect(host!.hasAttribute('hidden')).toBe(false);
    expect(host!.className).toBe('');
    expect(layer.shown).toBe(true);
  });

  it('gives up, and says so, when the page keeps tampering with it', async () => {
    let broken = 0;
    const layer = createLayer('', () => (broken += 1));
    layer.show(BOX);
    const [host] = added();
    for (let round = 0; round <= TAMPERING_TOLERATED; round += 1) {
      host!.setAttribute('style', `opacity:0;--round:${round}`);
      await settle();
    }
    expect(broken).toBe(1);
    expect(added()).toEqual([]);
    expect(layer.shown).toBe(false);
  });

  it('gives up when the page takes it out, rather than putting back a frame that would reload', async () => {
    let broken = 0;
    const layer = createLayer('', () => (broken += 1));
    layer.show(BOX);
    added()[0]!.remove();
    await settle();
    expect(broken).toBe(1);
    layer.show(BOX);
    expect(added()).toEqual([]);
  });

  it('does not count the page changing its own elements', async () => {
    let broken = 0;
    const layer = createLayer('', () => (broken += 1));
    layer.show(BOX);
    for (let round = 0; round < 5; round += 1) {
      document.documentElement.append(document.createElement('div'));
      await settle();
    }
    expect(broken).toBe(0);
    expect(layer.shown).toBe(true);
  });
});

describe('covers by the page', () => {
  it('lets the card rise above a few, and closes it when the page keeps covering it', () => {
    let now = 0;
    const covers = createCoverCount(() => now);
    const allowed = Array.from({ length: COVERS_TOLERATED }, () => covers.cover());
    expect(allowed).toEqual(Array(COVERS_TOLERATED).fill(true));
    now += COVERS_WITHIN_MS / 2;
    expect(covers.cover(), 'one more within a few seconds').toBe(false);
  });

  it('forgets covers from longer ago, and from before the card was shown again', () => {
    let now = 0;
    const covers = createCoverCount(() => now);
    for (let round = 0; round < COVERS_TOLERATED; round += 1) covers.cover();
    now += COVERS_WITHIN_MS;
    expect(covers.cover(), 'a cover after the others have aged out').toBe(true);
    for (let round = 1; round < COVERS_TOLERATED; round += 1) covers.cover();
    covers.reset();
    expect(covers.cover(), 'the first cover of a card shown again').toBe(true);
  });
});
