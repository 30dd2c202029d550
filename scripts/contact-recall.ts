/**
 * `npx tsx scripts/contact-recall.ts`: how many of the contacts in utils/contact-shapes.testing.ts
 * each place finds, by category, and how many values it finds that are not there (a figure that
 * is no contact looked up or marked, or a contact read as another).
 *
 * Selection, background and line are counted on the rows that hold one contact; marks on every
 * contact of every row. A selection's check only lets text through, so its false positives are
 * the look-alikes it sends on for the background to refuse.
 */
import { SHAPES, find } from '../utils/contact-shapes.testing.ts';

type Place = 'selection' | 'background' | 'line' | 'marks';
const PLACES: Place[] = ['selection', 'background', 'line', 'marks'];

const percent = (hits: number, total: number): string =>
  total === 0 ? '    –' : `${((100 * hits) / total).toFixed(0).padStart(4)}%`;

const header = ['category', 'rows', ...PLACES.map((place) => `${place} recall / false`)];
console.log(header.map((cell, i) => cell.padEnd(i === 0 ? 22 : i === 1 ? 5 : 26)).join(''));
const totals = Object.fromEntries(PLACES.map((place) => [place, { hits: 0, total: 0, wrong: 0 }]));

for (const [category, shapes] of Object.entries(SHAPES)) {
  const tally = Object.fromEntries(PLACES.map((place) => [place, { hits: 0, total: 0, wrong: 0 }]));
  for (const shape of shapes) {
    const found = find(shape);
    const [only] = shape.want;
    if (shape.want.length <= 1) {
      const single = { selection: found.selection ? only : null, background: found.background, line: found.line };
      for (const place of ['selection', 'background', 'line'] as const) {
        const value = single[place];
        if (only !== undefined) {
          tally[place]!.total += 1;
          if (place === 'selection' ? found.selection : value === only) tally[place]!.hits += 1;
          else if (value !== null) tally[place]!.wrong += 1;
        } else if (place === 'selection' ? found.selection : value !== null) tally[place]!.wrong += 1;
      }
    }
    tally.marks!.total += shape.want.length;
    tally.marks!.hits += shape.want.filter((value) => found.marks.includes(value)).length;
    tally.marks!.wrong += found.marks.filter((value) => !shape.want.includes(value)).length;
  }
  for (const place of PLACES) {
    totals[place]!.hits += tally[place]!.hits;
    totals[place]!.total += tally[place]!.total;
    totals[place]!.wrong += tally[place]!.wrong;
  }
  const cells = PLACES.map((place) => {
    const { hits, total, wrong } = tally[place]!;
    return `${percent(hits, total)} ${`${hits}/${total}`.padEnd(8)} ${String(wrong).padStart(3)}`.padEnd(26);
  });
  console.log([category.padEnd(22), String(shapes.length).padEnd(5), ...cells].join(''));
}
const cells = PLACES.map((place) => {
  const { hits, total, wrong } = totals[place]!;
  return `${percent(hits, total)} ${`${hits}/${total}`.padEnd(8)} ${String(wrong).padStart(3)}`.padEnd(26);
});
console.log(['all'.padEnd(22), ''.padEnd(5), ...cells].join(''));
