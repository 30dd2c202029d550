/**
 * What the options page's "Lead card" form accepts: who the user is in MEGA, the lead link, and
 * the names of custom fields. Pure, like `settings-form.ts`: the form hands in what the user
 * typed and gets back settings ready to store, or one sentence per field that needs fixing.
 */
import type { Owner } from '@/utils/api/schemas';
import { customFieldLabelSchema, readCustomFieldLabels } from '@/utils/custom-field-labels';
import { CUSTOM_FIELD_TYPES, type CustomFieldLabels, type CustomFieldType } from '@/utils/custom-fields';
import { messagesLocale, t, type MessageKey } from '@/utils/i18n';
import { checkLeadUrlTemplate, LEAD_ID_PLACEHOLDER } from '@/utils/lead-url';
import type { Settings } from '@/utils/storage';

export type CardSettings = Pick<Settings, 'me' | 'leadUrlTemplate' | 'customFieldLabels'>;

/** One row of the custom field table, as typed. */
export interface FieldRow {
  /** Stable for the row's life, so focus and errors stay with it while rows come and go. */
  key: string;
  slug: string;
  label: string;
  type: CustomFieldType;
  currency: string;
}

export interface CardDraft {
  /** The chosen owner (see `ownerKey`), or '' for "Not set". */
  me: string;
  leadUrlTemplate: string;
  fields: FieldRow[];
}

export type RowErrors = Partial<Record<'slug' | 'label' | 'currency', string>>;

export interface CardErrors {
  leadUrlTemplate?: string;
  /** By row key. */
  fields?: Record<string, RowErrors>;
}

export const FIELD_TYPE_LABELS: Record<CustomFieldType, MessageKey> = {
  text: 'fieldTypeText',
  currency: 'fieldTypeCurrency',
  date: 'fieldTypeDate',
  boolean: 'fieldTypeBoolean',
  url: 'fieldTypeUrl',
};

/** The types in the order the select offers them: the plain one first. */
export const FIELD_TYPES: readonly CustomFieldType[] = [
  'text',
  ...CUSTOM_FIELD_TYPES.filter((type) => type !== 'text'),
];

/** One owner's value in the select: their id where MEGA gave one, else their name. */
export function ownerKey(owner: { id?: string | null | undefined; name?: string | null | undefined }): string {
  return owner.id ? `id:${owner.id}` : `name:${owner.name ?? ''}`;
}

export interface OwnerChoice {
  value: string;
  label: string;
  me: NonNullable<Settings['me']>;
}

/**
 * The owners to choose from, by name, each once; the saved choice stays among them even when no
 * answer has named it since (the background forgets what it saw when it stops).
 */
export function ownerChoices(owners: readonly Owner[], me: Settings['me'], locale = messagesLocale()): OwnerChoice[] {
  const choices = new Map<string, OwnerChoice>();
  for (const owner of owners) {
    const name = owner.name?.trim();
    if (!name) continue;
    const role = owner.role_name?.trim();
    const value = ownerKey(owner);
    if (!choices.has(value)) {
      choices.set(value, {
        value,
        label: role ? t('ownerWithRole', name, role) : name,
        me: owner.id ? { id: owner.id, name } : { name },
      });
    }
  }
  if (me && !choices.has(ownerKey(me))) choices.set(ownerKey(me), { value: ownerKey(me), label: me.name, me });
  const list = [...choices.values()];
  // A collator's first load costs a page milliseconds: none for a list with nothing to sort.
  if (list.length < 2) return list;
  const collator = new Intl.Collator(locale);
  return list.sort((a, b) => collator.compare(a.label, b.label));
}

let rows = 0;
/** A key no other row of this page has. */
export function newRowKey(): string {
  rows += 1;
  return `field-${rows}`;
}

export function blankRow(): FieldRow {
  return { key: newRowKey(), slug: '', label: '', type: 'text', currency: '' };
}

export function draftFromCard(settings: CardSettings): CardDraft {
  return {
    me: settings.me ? ownerKey(settings.me) : '',
    leadUrlTemplate: settings.leadUrlTemplate,
    fields: Object.entries(settings.customFieldLabels).map(([slug, entry]) => ({
      key: newRowKey(),
      slug,
      label: entry.label,
      type: entry.type ?? 'text',
      currency: entry.currency ?? '',
    })),
  };
}

/** Whether two drafts ask for the same settings (row keys aside). */
export function sameCard(a: CardDraft, b: CardDraft): boolean {
  const fields = (draft: CardDraft) => JSON.stringify(draft.fields.map(({ key: _key, ...row }) => row));
  return a.me === b.me && a.leadUrlTemplate === b.leadUrlTemplate && fields(a) === fields(b);
}

/** Why a lead link cannot be used, or null; empty is fine (no "Open in MEGA" button). */
export function checkLeadLink(text: string): string | null {
  if (!text.trim()) return null;
  const checked = checkLeadUrlTemplate(text);
  if (checked.ok) return null;
  switch (checked.reason) {
    case 'no-id':
      return t('leadLinkNoId', LEAD_ID_PLACEHOLDER);
    case 'not-url':
      return t('leadLinkNotUrl');
    case 'not-https':
      return t('leadLinkNotHttps');
  }
}

/** The table as a label map, or an error for each cell that needs one. Blank rows are left out. */
export function checkFieldRows(fields: readonly FieldRow[]): {
  labels: CustomFieldLabels;
  errors: Record<string, RowErrors>;
} {
  const errors: Record<string, RowErrors> = {};
  const raw: Record<string, unknown> = {};
  const seen = new Set<string>();
  for (const row of fields) {
    const slug = row.slug.trim();
    const label = row.label.trim();
    const currency = row.type === 'currency' ? row.currency.trim() : '';
    if (!slug && !label && !currency) continue;
    const entry: Record<string, string> = { label };
    if (row.type !== 'text') entry.type = row.type;
    if (currency) entry.currency = currency;
    const parsed = customFieldLabelSchema.safeParse(entry);
    const rowErrors: RowErrors = {};
    if (!slug) rowErrors.slug = t('fieldSlugEmpty');
    else if (seen.has(slug)) rowErrors.slug = t('fieldSlugTaken', slug);
    if (!parsed.success) {
      const paths = new Set(parsed.error.issues.map((issue) => issue.path[0]));
      if (paths.has('label')) rowErrors.label = t('fieldLabelEmpty');
      if (paths.has('currency')) rowErrors.currency = t('fieldCurrencyInvalid');
    }
    if (Object.keys(rowErrors).length > 0) errors[row.key] = rowErrors;
    else raw[slug] = entry;
    if (slug) seen.add(slug);
  }
  // The reader the policy and the stored settings go through: what it takes is what the card shows.
  return { labels: readCustomFieldLabels(raw), errors };
}

export type CardCheck = { ok: true; settings: CardSettings } | { ok: false; errors: CardErrors; count: number };

export function checkCardDraft(draft: CardDraft, choices: readonly OwnerChoice[]): CardCheck {
  const leadError = checkLeadLink(draft.leadUrlTemplate);
  const { labels, errors: fieldErrors } = checkFieldRows(draft.fields);
  const count = (leadError ? 1 : 0) + Object.values(fieldErrors).reduce((sum, row) => sum + Object.keys(row).length, 0);
  if (count > 0) {
    const errors: CardErrors = {};
    if (leadError) errors.leadUrlTemplate = leadError;
    if (Object.keys(fieldErrors).length > 0) errors.fields = fieldErrors;
    return { ok: false, errors, count };
  }
  const chosen = choices.find((choice) => choice.value === draft.me);
  return {
    ok: true,
    settings: { me: chosen?.me ?? null, leadUrlTemplate: draft.leadUrlTemplate.trim(), customFieldLabels: labels },
  };
}
