import { existsSync, readFileSync } from 'node:fs';
import { BUILD_COMMAND, outputDir, TARGETS, type Target } from '../scripts/lib/build-output.ts';

export { outputDir, ROOT, type Target } from '../scripts/lib/build-output.ts';

export interface BuiltManifest {
  permissions?: string[];
  host_permissions?: string[];
  optional_permissions?: string[];
  optional_host_permissions?: string[];
  content_scripts?: Array<{ matches: string[]; js: string[] }>;
}

export function builtManifest(target: Target): BuiltManifest {
  const path = `${outputDir(target)}/manifest.json`;
  if (!existsSync(path)) throw new Error(`No ${TARGETS[target]} build: run ${BUILD_COMMAND[target]} first.`);
  return JSON.parse(readFileSync(path, 'utf8')) as BuiltManifest;
}
