import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const TARGETS = { chrome: 'chrome-mv3', firefox: 'firefox-mv2' } as const;
export type Target = keyof typeof TARGETS;

export function outputDir(target: Target): string {
  return `${ROOT}.output/${TARGETS[target]}`;
}

export interface BuiltManifest {
  permissions?: string[];
  host_permissions?: string[];
  optional_permissions?: string[];
  optional_host_permissions?: string[];
  content_scripts?: Array<{ matches: string[]; js: string[] }>;
}

export function builtManifest(target: Target): BuiltManifest {
  const path = `${outputDir(target)}/manifest.json`;
  if (!existsSync(path))
    throw new Error(`No ${TARGETS[target]} build: run npm run build${target === 'firefox' ? ':firefox' : ''} first.`);
  return JSON.parse(readFileSync(path, 'utf8')) as BuiltManifest;
}
