// @vitest-environment happy-dom
import 'fake-indexeddb/auto';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Owner } from '@/utils/api/schemas';
import { DEFAULT_SETTINGS, readSettings, settingsItem, type Account, type Settings } from '@/utils/storage';
import type { HostPermissions } from './permissions';
import { OptionsPage } from './OptionsPage';

const ACME: Account = {
  id: 'a1',
  name: 'Acme',
  customerId: '3f2a9c4e-1b7d-4e8a-9c0f-2d5e6a7b8c9d',
  baseUrl: 'https://app.gomega.ai',
  tokenMemory: 'local',
  revision: 1,
};

const OWNERS: Owner[] = [
  { id: 'u2', name: 'Sam Lee', role_name: 'Sales manager' },
  { id: 'u1', name: 'Ana Ruiz' },
];

async function saved(patch: Partial<Settings> = {}) {
  await settingsItem.setValue({ ...DEFAULT_SETTINGS, accounts: [ACME], activeAccountId: ACME.id, ...patch });
}

function renderPage(owners: () => Promise<Owner[]> = async () => OWNERS) {
  const permissions = {
    request: vi.fn(async () => true),
    remove: vi.fn(async () => true),
  } as unknown as HostPermissions;
  const deviceCopy = { status: async () => null, sync: async () => null, remove: async () => undefined };
  render(
    <OptionsPage
      permissions={permissions}
      testConnection={async () => ({ ok: true, total: 1 })}
      deviceCopy={deviceCopy}
      owners={owners}
    />,
  );
}

const card = () => screen.getByRole('form', { name: 'Lead card' });
const cardStatus = () => within(card()).getByRole('status').textContent;
const saveCard = () => fireEvent.click(within(card()).getByRole('button', { name: 'Save card settings' }));
const yourName = async () => (await screen.findByLabelText('Your name in MEGA')) as HTMLSelectElement;
const leadLink = async () => (await screen.findByLabelText('Lead link')) as HTMLInputElement;
const cell = (name: string) =>
  within(card()).getByRole(name.startsWith('How') ? 'combobox' : 'textbox', { name }) as HTMLInputElement;

beforeEach(() => {
  fakeBrowser.reset();
});

afterEach(() => {
  cleanup();
});

describe('options page, lead card', () => {
  it('offers the owners seen in MEGA, with their role, and saves the one chosen', async () => {
    await saved();
    renderPage();
    const select = await yourName();
    await waitFor(() =>
      expect([...select.options].map((option) => option.textContent)).toEqual([
        'Not set',
        'Ana Ruiz',
        'Sam Lee (Sales manager)',
      ]),
    );
    expect(select.value).toBe('');
    expect(document.getElementById(select.getAttribute('aria-describedby')!)?.textContent).toContain(
      'Lead Lens uses it to say when a lead belongs to someone else.',
    );

    fireEvent.change(select, { target: { value: 'id:u2' } });
    expect(within(card()).getByText('Unsaved changes')).toBeTruthy();
    saveCard();
    await waitFor(() => expect(cardStatus()).toBe('Settings saved.'));
    expect((await readSettings()).me).toEqual({ id: 'u2', name: 'Sam Lee' });
  });

  it('keeps the saved name when no answer has named its owner since, and says none are seen yet', async () => {
    await saved({ me: { id: 'u7', name: 'Zoe Park' } });
    renderPage(async () => []);
    const select = await yourName();
    await waitFor(() =>
      expect(card().textContent).toContain('Names show here once lookups have shown leads with an owner.'),
    );
    expect(select.value).toBe('id:u7');
    expect([...select.options].map((option) => option.textContent)).toEqual(['Not set', 'Zoe Park']);
    fireEvent.change(select, { target: { value: '' } });
    saveCard();
    await waitFor(() => expect(cardStatus()).toBe('Settings saved.'));
    expect((await readSettings()).me).toBeNull();
  });

  it.each<[string, string]>([
    ['https://app.gomega.ai/leads/', "Put {id} where the lead's ID goes in the address."],
    ['app.gomega.ai/leads/{id}', 'This is not a web address. Start it with https://.'],
    ['http://app.gomega.ai/leads/{id}', 'The address must start with https:// (http:// only for this computer).'],
  ])('refuses the lead link %s, says why at the field and goes to it', async (text, why) => {
    await saved();
    renderPage();
    fireEvent.input(await leadLink(), { target: { value: text } });
    saveCard();
    await waitFor(() => expect(cardStatus()).toBe('Not saved. One field needs fixing.'));
    const field = await leadLink();
    expect(field.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById(field.getAttribute('aria-describedby')!.split(' ')[0]!)?.textContent).toBe(why);
    expect(document.activeElement).toBe(field);
    expect((await readSettings()).leadUrlTemplate).toBe('');
  });

  it('saves a lead link, and an empty one', async () => {
    await saved();
    renderPage();
    const field = await leadLink();
    expect(field.placeholder).toBe('https://app.gomega.ai/leads/{id}');
    fireEvent.input(field, { target: { value: 'https://app.gomega.ai/leads/{id}' } });
    saveCard();
    await waitFor(() => expect(cardStatus()).toBe('Settings saved.'));
    expect((await readSettings()).leadUrlTemplate).toBe('https://app.gomega.ai/leads/{id}');
    fireEvent.input(field, { target: { value: '' } });
    saveCard();
    await waitFor(async () => expect((await readSettings()).leadUrlTemplate).toBe(''));
  });

  it('edits the custom field names as a table: add rows, pick a type, remove one', async () => {
    await saved({ customFieldLabels: { lead_note: { label: 'Note' } } });
    renderPage();
    await screen.findByRole('form', { name: 'Lead card' });
    expect(cell('Slug of field 1').value).toBe('lead_note');

    fireEvent.click(within(card()).getByRole('button', { name: 'Add a field' }));
    await waitFor(() => expect(document.activeElement).toBe(cell('Slug of field 2')));
    fireEvent.input(cell('Slug of field 2'), { target: { value: 'budget_max' } });
    fireEvent.input(cell('Name of field 2'), { target: { value: 'Budget' } });
    expect(within(card()).queryByRole('textbox', { name: 'Currency of field 2' })).toBeNull();
    fireEvent.change(cell('How field 2 is shown'), { target: { value: 'currency' } });
    fireEvent.input(cell('Currency of field 2'), { target: { value: 'eur' } });

    fireEvent.click(within(card()).getByRole('button', { name: 'Remove field 1' }));
    await waitFor(() => expect(document.activeElement).toBe(cell('Slug of field 1')));
    expect(cell('Slug of field 1').value).toBe('budget_max');

    saveCard();
    await waitFor(() => expect(cardStatus()).toBe('Settings saved.'));
    expect((await readSettings()).customFieldLabels).toEqual({
      budget_max: { label: 'Budget', type: 'currency', currency: 'EUR' },
    });
  });

  it('says what each row needs, at the cell, and saves nothing', async () => {
    await saved();
    renderPage();
    await screen.findByRole('form', { name: 'Lead card' });
    expect(card().textContent).toContain('No names yet: custom fields show with their slug made readable');
    fireEvent.click(within(card()).getByRole('button', { name: 'Add a field' }));
    fireEvent.input(cell('Name of field 1'), { target: { value: 'Budget' } });
    fireEvent.click(within(card()).getByRole('button', { name: 'Add a field' }));
    fireEvent.input(cell('Slug of field 2'), { target: { value: 'score_note' } });
    saveCard();
    await waitFor(() => expect(cardStatus()).toBe('Not saved. 2 fields need fixing.'));
    expect(cell('Slug of field 1').getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById(cell('Slug of field 1').getAttribute('aria-describedby')!)?.textContent).toContain(
      "Enter the field's slug",
    );
    expect(cell('Name of field 2').getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement).toBe(cell('Slug of field 1'));
    // Editing a row clears its errors; the other row's stay.
    fireEvent.input(cell('Slug of field 1'), { target: { value: 'budget' } });
    expect(cell('Slug of field 1').getAttribute('aria-invalid')).toBeNull();
    expect(cell('Name of field 2').getAttribute('aria-invalid')).toBe('true');
    expect((await readSettings()).customFieldLabels).toEqual({});
  });

  it('shows the administrator’s locked values read-only, marked, and keeps the user’s own underneath', async () => {
    await saved({ leadUrlTemplate: 'https://mine.example/{id}' });
    await fakeBrowser.storage.managed.set({
      leadUrlTemplate: 'https://crm.example.com/leads/{id}',
      customFieldLabels: { budget_max: { label: 'Budget', type: 'currency', currency: 'USD' } },
      lockedSettings: ['leadUrlTemplate', 'customFieldLabels'],
    });
    renderPage();
    const field = await leadLink();
    await waitFor(() => expect(field.value).toBe('https://crm.example.com/leads/{id}'));
    expect(field.disabled).toBe(true);
    expect(document.getElementById('lead-link-policy')?.textContent).toBe('Set by your administrator');
    expect(cell('Slug of field 1').disabled).toBe(true);
    expect(within(card()).queryByRole('button', { name: 'Add a field' })).toBeNull();
    expect(within(card()).queryByRole('button', { name: 'Remove field 1' })).toBeNull();

    const select = await yourName();
    await waitFor(() => expect(select.options).toHaveLength(3));
    fireEvent.change(select, { target: { value: 'id:u1' } });
    saveCard();
    await waitFor(() => expect(cardStatus()).toBe('Settings saved.'));
    expect(await readSettings()).toMatchObject({
      me: { id: 'u1', name: 'Ana Ruiz' },
      leadUrlTemplate: 'https://mine.example/{id}',
      customFieldLabels: {},
    });
  });
});
