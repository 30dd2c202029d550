import { describe, expect, it } from 'vitest';
import { chipColors, contrastRatio, luminance, parseHexColor } from './color';

describe('chipColors', () => {
  it.each(['#22c55e', '#0ea5e9', '#f59e0b', '#ef4444', '#8b5cf6', '#111827', '#ffffff', '#fde047', '#64748b', '#abc'])(
    'keeps text on %s at WCAG AA contrast (4.5:1) or better',
    (color) => {
      const colors = chipColors(color)!;
      const text = parseHexColor(colors.text)!;
      const background = parseHexColor(colors.background)!;
      expect(contrastRatio(luminance(background), luminance(text))).toBeGreaterThanOrEqual(4.5);
    },
  );

  it('keeps a colour that already contrasts as it is', () => {
    expect(chipColors('#22c55e')).toEqual({ background: '#22c55e', text: '#111827' });
    expect(chipColors('#1e3a8a')).toEqual({ background: '#1e3a8a', text: '#ffffff' });
  });

  it.each([null, undefined, '', 'teal', 'rgb(1,2,3)', '#12345'])('gives the neutral chip for %s', (color) => {
    expect(chipColors(color)).toBeNull();
  });
});
