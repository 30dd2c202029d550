/**
 * The options page's reads and writes. The full token is read only to build the "ending in"
 * hint; the page keeps that hint, never the token.
 */
import type { HostPermissions } from './permissions';
import { releaseHostAccess } from './permissions';
import { planTokenChange, savedTokenHint, type TokenChange } from './settings-form';
import {
  hasSavedSettings,
  moveToken,
  readSettings,
  readToken,
  settingsItem,
  writeToken,
  type Settings,
} from '@/utils/storage';

export interface SavedState {
  settings: Settings;
  /** "Saved token ending in •••• abcd", or null when no token is saved. */
  tokenHint: string | null;
  /** False until the user first saves: the page then suggests a region from the browser's language. */
  stored: boolean;
}

export async function loadSavedState(): Promise<SavedState> {
  const [settings, token, stored] = await Promise.all([readSettings(), readToken(), hasSavedSettings()]);
  return { settings, tokenHint: token ? savedTokenHint(token) : null, stored };
}

/** Stores checked settings and applies the token change they imply; returns that change. */
export async function saveSettings(
  next: { settings: Settings; token: string | null },
  previous: SavedState,
  permissions?: HostPermissions,
): Promise<TokenChange> {
  const change = planTokenChange(next.token, next.settings.tokenMemory, {
    hasToken: previous.tokenHint !== null,
    memory: previous.settings.tokenMemory,
  });
  await settingsItem.setValue(next.settings);
  if (change.kind === 'write') await writeToken(change.token, change.memory);
  if (change.kind === 'move') await moveToken(change.memory);
  await releaseHostAccess(previous.settings.baseUrl, next.settings.baseUrl, permissions);
  return change;
}
