/**
 * "Look up what I copied": where nothing can be selected (a page drawn on a canvas such as Google
 * Sheets or Docs, the PDF viewer, a page content scripts cannot run in), the user copies a phone
 * number or email and presses the shortcut, or the popup's button. The clipboard is read once, on
 * that keystroke or click, and only a value that is a phone number or an email goes on to a
 * lookup: anything else is said to be no contact, never repeated. What was read is not kept.
 */
import type { Clipboard } from './clipboard';
import type { Lookups, SenderInfo } from './lookups';
import type { CopiedLookup } from '@/utils/protocol';
import { classifySelection } from '@/utils/selection-check';

/** What the clipboard gave: a lookup to show, or why there is none. */
export type CopiedValue = Exclude<CopiedLookup, { outcome: 'looked-up' }> | { outcome: 'show'; lookupId: string };

/** What the shortcut left for the popup it opened is dropped after this long unseen. */
export const WAITING_MS = 30_000;

export function createCopiedLookups(deps: {
  lookups: Pick<Lookups, 'prepare' | 'view'>;
  clipboard: Clipboard;
  now?: () => number;
}) {
  const now = deps.now ?? Date.now;
  const { lookups, clipboard } = deps;
  /** Left by the shortcut for the popup (or the side panel) to show. */
  let waiting: { value: CopiedValue; at: number } | null = null;

  /** The clipboard read now; a lookup issued for it when it is a phone number or an email. */
  async function lookUp(sender: SenderInfo): Promise<CopiedValue> {
    if (!(await clipboard.mayRead())) return { outcome: 'no-permission' };
    const copied = (await clipboard.read().catch(() => '')).trim();
    // The same cheap check a selection passes, before the value reaches the parser.
    if (!classifySelection(copied)) return { outcome: 'not-contact' };
    const decision = await lookups.prepare(copied, 'shortcut', sender);
    if (decision.action !== 'ignore') return { outcome: 'show', lookupId: decision.lookupId };
    // A phone-shaped text the parser refused is no contact either; else lookups are off there.
    return sender.sites?.length ? { outcome: 'off-here' } : { outcome: 'not-contact' };
  }

  /** The answer for a page that shows it itself (the popup, the side panel): waits for the lookup. */
  async function shown(value: CopiedValue): Promise<CopiedLookup> {
    if (value.outcome !== 'show') return value;
    return { outcome: 'looked-up', view: await lookups.view(value.lookupId) };
  }

  return {
    lookUp,
    /** The popup's button: the clipboard read and its lookup answered, with no tab of its own. */
    lookUpForPage: async () => shown(await lookUp({ tabId: null, frameId: null, sites: [] })),
    /** The shortcut could not show this in a card: it waits for the popup the shortcut opens. */
    leaveForPopup(value: CopiedValue): void {
      waiting = { value, at: now() };
    },
    /** What the shortcut left, taken once; null when nothing waits (or it waited too long). */
    async takeWaiting(): Promise<CopiedLookup | null> {
      const left = waiting;
      waiting = null;
      if (!left || now() - left.at > WAITING_MS) return null;
      return shown(left.value);
    },
  };
}

export type CopiedLookups = ReturnType<typeof createCopiedLookups>;
