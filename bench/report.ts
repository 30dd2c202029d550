/** The results table, as printed and as written to bench/results.json. */
import type { Summary } from './stats';

export interface Row {
  figure: string;
  unit: 'ms' | 'B' | 'requests' | 'MB' | 'kB' | '×' | 'nodes';
  /** One value (deterministic figures) or the summary of the runs. */
  value: number | Summary;
  budget: string | null;
  /** null: informational, or not measured. */
  holds: boolean | null;
  note?: string;
  /** Not measured: why. */
  notMeasured?: string;
}

const fmt = (value: number, unit: Row['unit']): string => {
  if (!Number.isFinite(value)) return '—';
  switch (unit) {
    case 'B':
      return `${value.toLocaleString('en-US')} B`;
    case 'MB':
      return `${value.toFixed(2)} MB`;
    case 'kB':
      return `${value.toFixed(1)} kB`;
    case '×':
      return `${value.toFixed(2)}×`;
    case 'requests':
    case 'nodes':
      return Number.isInteger(value) ? String(value) : value.toFixed(1);
    default:
      return value >= 100 ? `${value.toFixed(0)} ms` : `${value.toFixed(1)} ms`;
  }
};

export function cells(row: Row): [string, string, string, string, string] {
  if (row.notMeasured) return [row.figure, 'not measured', row.notMeasured, row.budget ?? 'informational', '—'];
  const holds = row.holds === null ? '—' : row.holds ? 'yes' : 'NO';
  if (typeof row.value === 'number')
    return [row.figure, fmt(row.value, row.unit), 'n=1 (deterministic)', row.budget ?? 'informational', holds];
  const s = row.value;
  const spread = `${fmt(s.min, row.unit)}–${fmt(s.max, row.unit)}, p90 ${fmt(s.p90, row.unit)}, n=${s.n}`;
  return [row.figure, fmt(s.median, row.unit), spread, row.budget ?? 'informational', holds];
}

export function table(rows: readonly Row[]): string {
  const head: [string, string, string, string, string] = [
    'Figure',
    'Median',
    'Spread (min–max, p90, runs)',
    'Budget',
    'Holds',
  ];
  const body = rows.map(cells);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((r) => r[i]?.length ?? 0)));
  const line = (r: readonly string[]): string => `| ${r.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  return [line(head), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...body.map(line)].join('\n');
}
