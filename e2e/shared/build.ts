// Where the built extension is, and a clear error when it has not been built.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const OUTPUT_DIR = fileURLToPath(new URL('../../.output/', import.meta.url));

export function builtExtension(target: 'chrome-mv3' | 'firefox-mv2', buildCommand: string): string {
  const dir = `${OUTPUT_DIR}${target}`;
  if (!existsSync(`${dir}/manifest.json`)) {
    throw new Error(`No built extension at ${dir}: run \`${buildCommand}\` first.`);
  }
  return dir;
}
