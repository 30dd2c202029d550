// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { useState } from 'preact/hooks';
import { afterEach, describe, expect, it } from 'vitest';
import type { CardDisplay } from '@/utils/protocol';
import { RowList } from './RowList';
import type { PanelRow } from './rows';
import { toggled } from './ticked';

const DISPLAY: CardDisplay = { me: null, leadUrlTemplate: '', customFieldLabels: {} };

function unknownRow(value: string): PanelRow {
  return {
    key: value,
    written: value,
    contact: { kind: 'email', value, display: value },
    context: `Visitor: ${value}`,
    near: [],
    answer: { state: 'none', hidden: 0 },
  };
}

const ROWS = ['ana@expo.example', 'ben@expo.example', 'cai@expo.example'].map(unknownRow);

/** The list as the panel holds it: ticks in its state. */
function Panel() {
  const [ticked, setTicked] = useState<ReadonlySet<string>>(new Set());
  return (
    <RowList
      rows={ROWS}
      display={DISPLAY}
      ticked={ticked}
      onTick={(keys, on) => setTicked((latest) => toggled(latest, keys, on))}
      onOpen={() => undefined}
    />
  );
}

const boxes = () => screen.getAllByRole('checkbox') as HTMLInputElement[];

afterEach(() => {
  cleanup();
});

describe('ticking the rows not in MEGA', () => {
  it('"Tick all" ticks every row of the group, and then unticks them all', () => {
    render(<Panel />);
    fireEvent.click(boxes()[1]!);
    fireEvent.click(screen.getByRole('button', { name: 'Tick all' }));
    expect(boxes().map((box) => box.checked)).toEqual([true, true, true]);

    fireEvent.click(screen.getByRole('button', { name: 'Untick all' }));
    expect(boxes().map((box) => box.checked)).toEqual([false, false, false]);
  });

  it('says which group its button ticks', () => {
    render(<Panel />);
    const button = screen.getByRole('button', { name: 'Tick all' });
    const group = document.getElementById(button.getAttribute('aria-describedby') ?? '');
    expect(group?.textContent).toMatch(/^Not in MEGA/);
  });
});
