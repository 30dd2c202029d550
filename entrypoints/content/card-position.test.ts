import { describe, expect, it } from 'vitest';
import { placeCard, type Box } from './card-position';

const viewport = { width: 1280, height: 800 };
const size = { width: 360, height: 300 };

function overlaps(a: Box, b: Box): boolean {
  return a.left < b.left + b.width && b.left < a.left + a.width && a.top < b.top + b.height && b.top < a.top + a.height;
}

describe('placeCard', () => {
  it.each<[string, Box]>([
    ['in the middle', { left: 500, top: 300, width: 120, height: 18 }],
    ['near the bottom', { left: 500, top: 760, width: 120, height: 18 }],
    ['at the right edge', { left: 1250, top: 100, width: 25, height: 18 }],
    ['at the left edge', { left: 0, top: 100, width: 40, height: 18 }],
    ['at the top', { left: 300, top: 0, width: 100, height: 18 }],
  ])('stays in the viewport and off the selection %s', (_where, selection) => {
    const place = placeCard(selection, size, viewport);
    const card = { left: place.left, top: place.top, width: size.width, height: place.height };
    expect(card.left).toBeGreaterThanOrEqual(0);
    expect(card.left + card.width).toBeLessThanOrEqual(viewport.width);
    expect(card.top).toBeGreaterThanOrEqual(0);
    expect(card.top + card.height).toBeLessThanOrEqual(viewport.height);
    expect(overlaps(card, selection)).toBe(false);
  });

  it('prefers below the selection and goes above when below is short', () => {
    expect(placeCard({ left: 10, top: 100, width: 50, height: 20 }, size, viewport).top).toBe(128);
    expect(placeCard({ left: 10, top: 700, width: 50, height: 20 }, size, viewport).top).toBe(392);
  });

  it('shrinks the card to the roomier side when neither side fits it whole', () => {
    const place = placeCard({ left: 10, top: 200, width: 50, height: 20 }, { width: 360, height: 700 }, viewport);
    expect(place.top).toBe(228);
    expect(place.height).toBe(800 - 228 - 8);
  });

  it('narrows to a small viewport without leaving it', () => {
    const place = placeCard({ left: 100, top: 50, width: 50, height: 20 }, size, { width: 320, height: 600 });
    expect(place.left).toBe(8);
  });
});
