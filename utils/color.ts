/**
 * Readable text on a stage's own colour, on either theme: WCAG relative luminance picks dark or
 * light text, whichever contrasts more with the chip.
 */
function channel(value: number): number {
  const c = value / 255;
  return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
}

export function parseHexColor(color: string | null | undefined): [number, number, number] | null {
  const match = /^#?([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(color?.trim() ?? '');
  if (!match) return null;
  let hex = match[1]!;
  if (hex.length === 3) hex = [...hex].map((c) => c + c).join('');
  return [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16)) as [number, number, number];
}

export function luminance([r, g, b]: [number, number, number]): number {
  return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
}

export function contrastRatio(a: number, b: number): number {
  const [light, dark] = a > b ? [a, b] : [b, a];
  return (light + 0.05) / (dark + 0.05);
}

const DARK_TEXT: [number, number, number] = [0x11, 0x18, 0x27];
const LIGHT_TEXT: [number, number, number] = [0xff, 0xff, 0xff];
const AA_CONTRAST = 4.5;

function mix(a: [number, number, number], b: [number, number, number], amount: number): [number, number, number] {
  return a.map((value, i) => Math.round(value + (b[i]! - value) * amount)) as [number, number, number];
}

function toHex(rgb: [number, number, number]): string {
  return `#${rgb.map((value) => value.toString(16).padStart(2, '0')).join('')}`;
}

/**
 * Chip colours for a stage colour, or null for the neutral chip (no colour, or not a hex colour).
 * Mid-tones that reach AA contrast with neither dark nor white text are shaded away from the
 * text colour until they do, so the stage keeps its hue and stays readable.
 */
export function chipColors(color: string | null | undefined): { background: string; text: string } | null {
  const rgb = parseHexColor(color);
  if (!rgb) return null;
  const l = luminance(rgb);
  const text =
    contrastRatio(l, luminance(DARK_TEXT)) >= contrastRatio(l, luminance(LIGHT_TEXT)) ? DARK_TEXT : LIGHT_TEXT;
  const away: [number, number, number] = text === DARK_TEXT ? [255, 255, 255] : [0, 0, 0];
  let background = rgb;
  for (let step = 1; contrastRatio(luminance(background), luminance(text)) < AA_CONTRAST && step <= 20; step += 1) {
    background = mix(rgb, away, step * 0.05);
  }
  return { background: toHex(background), text: toHex(text) };
}
