// @vitest-environment happy-dom
import { cleanup, render } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { Sentence } from './Isolated';

afterEach(() => {
  cleanup();
});

describe('a message with lead data in it', () => {
  it('draws each value in its own isolate, in the place the message gives it', () => {
    const { container } = render(
      <Sentence message={'hiddenForValue'} values={['Ana\u202E Garcia', { contact: '+1 415 555 0134' }]} />,
    );
    expect([...container.querySelectorAll('bdi')].map((bdi) => bdi.textContent)).toEqual([
      'Ana Garcia',
      '+1 415 555 0134',
    ]);
    expect(container.textContent).toMatch(/Ana Garcia.*\+1 415 555 0134/);
    expect(container.textContent).not.toMatch(/[\u202E\uE000-\uE0FF]/);
    // A name takes the direction of its own letters; a phone number reads left to right in every language.
    expect([...container.querySelectorAll('bdi')].map((bdi) => bdi.getAttribute('dir'))).toEqual([null, 'ltr']);
  });
});
