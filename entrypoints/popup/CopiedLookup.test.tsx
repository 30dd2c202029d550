// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CopiedLookup as Copied } from '@/utils/protocol';
import { CopiedLookup, type CopiedAsk } from './CopiedLookup';

afterEach(() => {
  cleanup();
});

function ask({ granted = true, answer = { outcome: 'not-contact' } as Copied, waiting = null as Copied | null } = {}) {
  const calls: string[] = [];
  const deps = {
    allow: vi.fn(() => {
      calls.push('allow');
      return Promise.resolve(granted);
    }),
    lookUp: vi.fn(async () => {
      calls.push('lookUp');
      return answer;
    }),
    waiting: async () => waiting,
  } satisfies CopiedAsk;
  return { deps, calls };
}

const button = () => screen.getByRole('button', { name: 'Look up what I copied' });

describe('"Look up what I copied" in the popup', () => {
  it('asks for the clipboard in the click, then says a copied text is no contact', async () => {
    const { deps, calls } = ask();
    render(<CopiedLookup ask={deps} />);
    fireEvent.click(button());
    await screen.findByText('What you copied is not a phone number or email');
    expect(calls).toEqual(['allow', 'lookUp']);
  });

  it('looks nothing up when the user does not allow the clipboard', async () => {
    const { deps } = ask({ granted: false });
    render(<CopiedLookup ask={deps} />);
    fireEvent.click(button());
    await screen.findByText(/^Lead Lens may not read what you copy\./);
    expect(deps.lookUp).not.toHaveBeenCalled();
  });

  it('shows the lead found for the copied number', async () => {
    const contact = { kind: 'phone', value: '+14155550134', display: '+1 415-555-0134' } as const;
    const { deps } = ask({
      answer: {
        outcome: 'looked-up',
        view: {
          state: 'found',
          contact,
          leads: [{ id: 'lead-1', contact_name: 'Jane Cooper', contact_phone: '+14155550134' } as never],
          total: 1,
          hidden: 0,
          display: { me: null, leadUrlTemplate: '', customFieldLabels: {} },
        },
      },
    });
    render(<CopiedLookup ask={deps} />);
    fireEvent.click(button());
    expect(await screen.findByRole('heading', { name: 'Jane Cooper' })).toBeTruthy();
  });

  it('shows what the shortcut left when it opened the popup, without asking again', async () => {
    const { deps } = ask({ waiting: { outcome: 'no-permission' } });
    render(<CopiedLookup ask={deps} />);
    await screen.findByText(/^Lead Lens needs your permission once to read what you copy\./);
    expect(deps.allow).not.toHaveBeenCalled();
  });
});
