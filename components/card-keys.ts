/**
 * The card from the keyboard: one letter for each action on the match shown (C copy phone, E copy
 * email, O open in MEGA, A add to MEGA, N "Not this person"), arrow keys between matches. A key
 * acts through the control it names, marked `data-card-action`, so the action gate and Firefox's
 * second press for a copy hold for a key exactly as for a click.
 */
import type { MessageKey } from '@/utils/i18n';

export type CardAction = 'copyPhone' | 'copyEmail' | 'openInMega' | 'addToMega' | 'notThisPerson';

/** Each action's key, as the card shows it and as `aria-keyshortcuts` names it, with its words. */
export const CARD_KEYS: ReadonlyArray<{ action: CardAction; key: string; label: MessageKey }> = [
  { action: 'copyPhone', key: 'C', label: 'copyPhone' },
  { action: 'copyEmail', key: 'E', label: 'copyEmail' },
  { action: 'openInMega', key: 'O', label: 'openInMega' },
  { action: 'addToMega', key: 'A', label: 'addToMega' },
  { action: 'notThisPerson', key: 'N', label: 'notThisPerson' },
];

/** The props that let a key reach a control: the action it does and the key that names it. */
export function keyFor(action: CardAction): { 'data-card-action': CardAction; 'aria-keyshortcuts': string } {
  const key = CARD_KEYS.find((entry) => entry.action === action)?.key ?? '';
  return { 'data-card-action': action, 'aria-keyshortcuts': key };
}

type Press = Pick<KeyboardEvent, 'key' | 'altKey' | 'ctrlKey' | 'metaKey'>;

/** The action a key press asks for: one of the card's letters, with no modifier but Shift. */
export function actionForKey(press: Press): CardAction | null {
  if (press.altKey || press.ctrlKey || press.metaKey) return null;
  return CARD_KEYS.find((entry) => entry.key === press.key.toUpperCase())?.action ?? null;
}

/** Where a letter is text being typed, not a command: a field, a list to pick from, an editor. */
export function typingInto(target: EventTarget | null): boolean {
  const element = target as HTMLElement | null;
  return !!element && (/^(?:input|textarea|select)$/.test(element.localName ?? '') || !!element.isContentEditable);
}

/**
 * Runs the action on its control in the card, when the match shown has one; returns the control,
 * whose name (read once it has changed, e.g. to "Phone copied") is what the card then announces.
 */
export function act(root: ParentNode, action: CardAction): HTMLElement | null {
  const control = root.querySelector<HTMLElement>(`[data-card-action="${action}"]`);
  control?.click();
  return control;
}

/** The match lines of several: ArrowDown or ArrowUp from outside them moves to the current line. */
export function enterMatches(root: ParentNode, key: string): boolean {
  if (key !== 'ArrowDown' && key !== 'ArrowUp') return false;
  const line = root.querySelector<HTMLElement>('.lead-row__summary[tabindex="0"]');
  line?.focus();
  return !!line;
}
