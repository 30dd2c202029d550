/**
 * Where the card goes: below the selection when it fits, else above it, else beside the side
 * with more room; always inside the viewport and never over the selection itself.
 * All figures are viewport (client) coordinates.
 */
export interface Box {
  left: number;
  top: number;
  width: number;
  height: number;
}

export interface Viewport {
  width: number;
  height: number;
}

const GAP = 8;
const MARGIN = 8;

export function placeCard(
  selection: Box,
  size: { width: number; height: number },
  viewport: Viewport,
): { left: number; top: number; height: number } {
  const width = Math.min(size.width, viewport.width - 2 * MARGIN);
  const below = viewport.height - (selection.top + selection.height) - GAP - MARGIN;
  const above = selection.top - GAP - MARGIN;
  let top: number;
  let height = size.height;
  if (height <= below) {
    top = selection.top + selection.height + GAP;
  } else if (height <= above) {
    top = selection.top - GAP - height;
  } else if (below >= above) {
    // Neither side fits whole: take the roomier one and let the card scroll inside itself.
    height = Math.max(below, 0);
    top = selection.top + selection.height + GAP;
  } else {
    height = Math.max(above, 0);
    top = MARGIN;
  }
  const preferredLeft = selection.left;
  const left = Math.min(Math.max(preferredLeft, MARGIN), viewport.width - width - MARGIN);
  return { left: Math.max(left, MARGIN), top, height };
}
