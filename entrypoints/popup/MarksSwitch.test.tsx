// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { MarksStop } from '@/utils/marks';
import type { MarksChange } from './marks-toggle';
import { MarksSwitch, type MarksSwitchDeps } from './MarksSwitch';
import { SiteSwitch } from './SiteSwitch';
import type { CurrentSite } from './site-toggle';
import { DEFAULT_SETTINGS, readSettings, settingsItem } from '@/utils/storage';

const NEEDS_COPY = /^To mark known leads on pages, keep a copy of your leads on this device/;
const TELLS_THE_SITE = /^Scripts on this site can see which values are marked\./;
const REFUSED = 'Marks need access to this site, and the browser did not give it.';

beforeEach(() => {
  fakeBrowser.reset();
});

afterEach(() => {
  cleanup();
});

function deps(
  options: { copy?: boolean; on?: MarksChange | Error; off?: MarksChange; stopped?: MarksStop | null } = {},
) {
  const turnOn = vi.fn((_host: string, _tabId: number | undefined) =>
    options.on instanceof Error ? Promise.reject(options.on) : Promise.resolve(options.on ?? ({ ok: true } as const)),
  );
  const turnOff = vi.fn(async (_host: string, _tabId: number | undefined) => options.off ?? ({ ok: true } as const));
  const hasCopy = async () => options.copy ?? true;
  const stoppedIn = vi.fn(async (_tabId: number) => options.stopped ?? null);
  return { hasCopy, turnOn, turnOff, stoppedIn } satisfies MarksSwitchDeps;
}

const marksSwitch = () =>
  screen.findByRole('switch', { name: 'Mark known leads on this site' }) as Promise<HTMLInputElement>;

describe('"Mark known leads on this site"', () => {
  it('says how to get marks, instead of a switch, where the account keeps no copy on this device', async () => {
    render(<MarksSwitch host="example.com" secure tabId={3} {...deps({ copy: false })} />);
    expect(await screen.findByText(NEEDS_COPY)).toBeTruthy();
    expect(screen.queryByRole('switch')).toBeNull();
  });

  it('still lets marks already on be turned off once the copy is gone', async () => {
    await settingsItem.setValue({ ...DEFAULT_SETTINGS, markSites: ['example.com'] });
    render(<MarksSwitch host="example.com" secure tabId={3} {...deps({ copy: false })} />);
    expect((await marksSwitch()).checked).toBe(true);
  });

  it('is off by default and says what the site can see; turned on, it turns marks on for the site and tab', async () => {
    const ask = deps();
    render(<MarksSwitch host="example.com" secure tabId={3} {...ask} />);
    const toggle = await marksSwitch();
    expect(toggle.checked).toBe(false);
    expect(screen.getByText(TELLS_THE_SITE)).toBeTruthy();

    fireEvent.click(toggle);
    // Straight from the click: the browser asks for access only while it handles the user's input.
    expect(ask.turnOn).toHaveBeenCalledWith('example.com', 3);

    const note = await screen.findByText(TELLS_THE_SITE);
    expect(toggle.checked).toBe(true);
    expect(toggle.getAttribute('aria-describedby')).toBe(note.id);
    expect(ask.turnOff).not.toHaveBeenCalled();
  });

  it('turns back off, and says why, when the browser was refused access to the site', async () => {
    render(<MarksSwitch host="example.com" secure tabId={3} {...deps({ on: { ok: false, reason: 'refused' } })} />);
    const toggle = await marksSwitch();
    fireEvent.click(toggle);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe(REFUSED);
    expect(toggle.checked).toBe(false);
    expect(screen.queryByText(TELLS_THE_SITE)).toBeNull();
  });

  it.each<[string, MarksChange | Error]>([
    ['fails', { ok: false, reason: 'failed' }],
    ['throws', new Error('storage gone')],
  ])('turns back off and asks to try again when turning on %s', async (_what, on) => {
    render(<MarksSwitch host="example.com" secure tabId={3} {...deps({ on })} />);
    const toggle = await marksSwitch();
    fireEvent.click(toggle);
    expect((await screen.findByRole('alert')).textContent).toBe('Could not save. Try again.');
    expect(toggle.checked).toBe(false);
  });

  it('turns marks off for the site and tab', async () => {
    await settingsItem.setValue({ ...DEFAULT_SETTINGS, markSites: ['example.com'] });
    const ask = deps();
    render(<MarksSwitch host="example.com" secure tabId={3} {...ask} />);
    const toggle = await marksSwitch();
    expect(toggle.checked).toBe(true);
    expect(screen.getByText(TELLS_THE_SITE)).toBeTruthy();

    fireEvent.click(toggle);
    expect(ask.turnOff).toHaveBeenCalledWith('example.com', 3);
    await waitFor(() => expect(toggle.checked).toBe(false));
    expect(screen.getByText(TELLS_THE_SITE)).toBeTruthy();
  });

  it("on an http page, is the switch for the site's http pages", async () => {
    await settingsItem.setValue({ ...DEFAULT_SETTINGS, markSites: ['example.com'] });
    const ask = deps();
    render(<MarksSwitch host="example.com" secure={false} tabId={3} {...ask} />);
    const toggle = await marksSwitch();
    // On for the https pages only: the http pages are off until turned on from one of them.
    expect(toggle.checked).toBe(false);
    fireEvent.click(toggle);
    expect(ask.turnOn).toHaveBeenCalledWith('http://example.com', 3);
  });

  it.each<[MarksStop, RegExp]>([
    ['page', /^Marking stopped on this page: it asked about more numbers and emails than a person reads\./],
    ['day', /^Marking stopped on this site until tomorrow/],
    ['bulk', /^Marking stopped on this page: it added more numbers and emails at once than a person reads\./],
  ])('says, in plain words, that marking stopped on the page (%s)', async (stopped, said) => {
    await settingsItem.setValue({ ...DEFAULT_SETTINGS, markSites: ['example.com'] });
    const ask = deps({ stopped });
    render(<MarksSwitch host="example.com" secure tabId={3} {...ask} />);
    const status = await screen.findByRole('status');
    expect(status.textContent).toMatch(said);
    expect(ask.stoppedIn).toHaveBeenCalledWith(3);
    expect((await marksSwitch()).getAttribute('aria-describedby')).toContain(status.id);
  });

  it('follows the settings when marks are turned on elsewhere (another window)', async () => {
    render(<MarksSwitch host="example.com" secure tabId={3} {...deps()} />);
    const toggle = await marksSwitch();
    await settingsItem.setValue({ ...DEFAULT_SETTINGS, markSites: ['www.example.com'] });
    await waitFor(() => expect(toggle.checked).toBe(true));
  });
});

describe('the marks switch under the lookups switch', () => {
  const site = async (): Promise<CurrentSite> => ({ kind: 'site', host: 'example.com', secure: true, tabId: 3 });

  it('is there while lookups are on for the site, and goes when they are turned off', async () => {
    const ask = deps();
    render(<SiteSwitch findSite={site} marks={ask} />);
    await marksSwitch();

    fireEvent.click(await screen.findByRole('switch', { name: 'Lookups on this site' }));
    await waitFor(() => expect(screen.queryByRole('switch', { name: 'Mark known leads on this site' })).toBeNull());
    await waitFor(async () => expect((await readSettings()).disabledSites).toEqual(['example.com']));
  });

  it('is not shown on a site where lookups are off', async () => {
    await settingsItem.setValue({ ...DEFAULT_SETTINGS, disabledSites: ['example.com'], markSites: ['example.com'] });
    render(<SiteSwitch findSite={site} marks={deps()} />);
    const lookups = (await screen.findByRole('switch', { name: 'Lookups on this site' })) as HTMLInputElement;
    await waitFor(() => expect(lookups.checked).toBe(false));
    expect(screen.queryByRole('switch', { name: 'Mark known leads on this site' })).toBeNull();
    expect(screen.queryByText(NEEDS_COPY)).toBeNull();
  });

  it('hands the tab of the site to the marks', async () => {
    const ask = deps();
    render(<SiteSwitch findSite={site} marks={ask} />);
    fireEvent.click(await marksSwitch());
    expect(ask.turnOn).toHaveBeenCalledWith('example.com', 3);
  });

  it('shows the note about the copy under the lookups switch where there is none', async () => {
    render(<SiteSwitch findSite={site} marks={deps({ copy: false })} />);
    expect(await screen.findByText(NEEDS_COPY)).toBeTruthy();
    expect(screen.getByRole('switch', { name: 'Lookups on this site' })).toBeTruthy();
  });
});
