/**
 * The background's half of "Leads on this page" (the panel): who each value a page shows is, and
 * adding the unknown ones with the bulk import.
 *
 * With the copy of the leads on this device every value is answered from it, with no request.
 * Without it, the panel asks for a few values at a time (`check`), each a lookup at a selection's
 * priority: within the lookups' share of the rate budget, and stopped at its edge. The values go
 * to MEGA only then, or when the user adds them.
 */
import type { BulkImports } from './bulk-import';
import { notConnectedFailure, partitionFor, type ConnectionService } from './connection';
import type { DeviceCopy } from './device-copy';
import type { Lookups } from './lookups';
import type { StageBook } from './stages';
import { toApiFailure, type ApiFailure } from '@/utils/api/errors';
import type { BulkLeadRow, Lead } from '@/utils/api/schemas';
import { normalizeEmail, normalizePhone, parseContact, type Contact, type CountryCode } from '@/utils/contact';
import type { HiddenMatch } from '@/utils/hidden-matches';
import type { BulkImportReply, PanelAnswer, PanelBulkRow, PanelCheck, PanelRows, PanelValue } from '@/utils/protocol';

export interface PanelDeps {
  connection: Pick<ConnectionService, 'load'>;
  copy: Pick<DeviceCopy, 'indexFor' | 'syncNow'>;
  lookups: Pick<Lookups, 'answerFor' | 'forget'>;
  stages: Pick<StageBook, 'list' | 'note'>;
  /** The leads hidden with "Not this person" for an account. */
  hidden: (accountId: string) => Promise<HiddenMatch[]>;
  imports: Pick<BulkImports, 'preview' | 'add'>;
  /** Leads were added: the marks on open pages are drawn again. */
  leadsAdded: () => Promise<void>;
}

/** Each spelling the page uses, read with the user's region; what is no phone number or email is left out. */
function readValues(values: readonly string[], region: CountryCode): Array<{ written: string; contact: Contact }> {
  return [...new Set(values)].flatMap((written) => {
    const contact = parseContact(written, region);
    return contact ? [{ written, contact }] : [];
  });
}

/** Each value once, by what it reads as: "(415) 555-0134" and "+1 415 555 0134" are one lead's. */
function distinctContacts(read: ReadonlyArray<{ contact: Contact }>): Contact[] {
  return [...new Map(read.map(({ contact }) => [contact.value, contact])).values()];
}

/** An answer without the leads the user hid for this value. */
function answerOf(contact: Contact, leads: readonly Lead[], hiddenFor: ReadonlySet<string>): PanelAnswer {
  const shown = leads.filter((lead) => !hiddenFor.has(`${contact.value}\n${lead.id}`));
  const hidden = leads.length - shown.length;
  return shown.length > 0 ? { state: 'known', leads: shown, hidden } : { state: 'none', hidden };
}

/** A row as the bulk import takes it: the phone in E.164 where it reads as one, the email lower-cased. */
export function bulkRowOf(row: PanelBulkRow, region: CountryCode): BulkLeadRow {
  const phone = row.contact_phone ? normalizePhone(row.contact_phone, region) : null;
  const email = row.contact_email ? (normalizeEmail(row.contact_email) ?? row.contact_email) : undefined;
  return {
    row_ref: row.row_ref,
    source_type: 'manual',
    ...(row.contact_name && { contact_name: row.contact_name }),
    // A number the background cannot read goes as written: MEGA says what it makes of it, per row.
    ...(row.contact_phone && { contact_phone: phone?.e164 ?? row.contact_phone }),
    ...(email && { contact_email: email }),
    ...(row.stage_slug && { stage_slug: row.stage_slug }),
  };
}

export function createPanelAnswers(deps: PanelDeps) {
  async function hiddenFor(accountId: string): Promise<Set<string>> {
    const hidden = await deps.hidden(accountId).catch((): HiddenMatch[] => []);
    return new Set(hidden.map((match) => `${match.value}\n${match.leadId}`));
  }

  return {
    /** Who each value is, from the copy on this device alone; null when no account is set up. */
    async rows(values: readonly string[]): Promise<PanelRows | null> {
      const connection = await deps.connection.load();
      const { settings, account } = connection;
      const partition = partitionFor(connection);
      if (!account || !partition) return null;
      const read = readValues(values, settings.defaultRegion as CountryCode);
      const asked = distinctContacts(read);
      const index = await deps.copy.indexFor(connection).catch(() => null);
      const found = index ? await index.lookupMany(asked).catch(() => null) : null;
      const hidden = found ? await hiddenFor(account.id) : new Set<string>();
      const answers = new Map<string, PanelAnswer>();
      asked.forEach((contact, i) => {
        const leads = found?.[i]?.map((hit) => hit.lead);
        if (!leads) return;
        deps.stages.note(partition, leads);
        answers.set(contact.value, answerOf(contact, leads, hidden));
      });
      const rows: PanelValue[] = read.map(({ written, contact }) => ({
        written,
        contact,
        answer: answers.get(contact.value) ?? { state: 'unchecked' },
      }));
      return {
        values: rows,
        display: {
          me: settings.me,
          leadUrlTemplate: settings.leadUrlTemplate,
          customFieldLabels: settings.customFieldLabels,
        },
        fromCopy: found !== null,
        stages: deps.stages.list(partition),
        canCreate: settings.allowCreate,
      };
    },

    /**
     * Asks MEGA about a few values the copy could not answer, one lookup each (the cache answers
     * those asked lately), at a selection's priority; stops at the first refusal, such as the
     * lookups' share of the rate budget spent, and says why.
     */
    async check(values: readonly string[]): Promise<PanelCheck> {
      const connection = await deps.connection.load();
      const { account } = connection;
      const checked: PanelValue[] = [];
      const hidden = account ? await hiddenFor(account.id) : new Set<string>();
      for (const { written, contact } of readValues(values, connection.settings.defaultRegion as CountryCode)) {
        let stopped: ApiFailure | null = null;
        try {
          const answer = await deps.lookups.answerFor(contact, 'automatic');
          if (!answer) stopped = notConnectedFailure();
          else checked.push({ written, contact, answer: answerOf(contact, answer.leads, hidden) });
        } catch (error) {
          stopped = toApiFailure(error);
        }
        if (stopped) return { values: checked, stopped };
      }
      return { values: checked, stopped: null };
    },

    /** The bulk import's dry run for these rows. */
    async preview(rows: readonly PanelBulkRow[]): Promise<BulkImportReply> {
      const { settings } = await deps.connection.load();
      const region = settings.defaultRegion as CountryCode;
      return deps.imports.preview({ leads: rows.map((row) => bulkRowOf(row, region)) });
    },

    /**
     * The bulk import. Once MEGA has the leads, selections of their values ask again, the copy
     * syncs (so it learns them), and the marks on open pages are drawn again.
     */
    async add(rows: readonly PanelBulkRow[], idempotencyKey: string): Promise<BulkImportReply> {
      const connection = await deps.connection.load();
      const region = connection.settings.defaultRegion as CountryCode;
      const reply = await deps.imports.add({ leads: rows.map((row) => bulkRowOf(row, region)) }, idempotencyKey);
      if (reply.ok) {
        const values = rows.flatMap((row) => {
          const phone = row.contact_phone ? normalizePhone(row.contact_phone, region)?.e164 : undefined;
          const email = row.contact_email ? normalizeEmail(row.contact_email) : null;
          return [phone, email].filter((value): value is string => !!value);
        });
        await deps.lookups.forget(values);
        await deps.copy.syncNow().catch(() => null);
        await deps.leadsAdded().catch(() => undefined);
      }
      return reply;
    },
  };
}

export type PanelAnswers = ReturnType<typeof createPanelAnswers>;
