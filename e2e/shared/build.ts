// Where the built extension is, and a clear error when it has not been built.
//
// A suite tests a private copy of the build, taken when it first asks for it: a build started
// meanwhile (another terminal, `npm run bench`, a watcher) rewrites .output/ in place, and a
// browser starting just then would load half an extension.
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const OUTPUT_DIR = fileURLToPath(new URL('../../.output/', import.meta.url));

type Target = 'chrome-mv3' | 'firefox-mv2';

/** The card's page in the build, which the content script frames: the one place e2e names it. */
export const CARD_PAGE = 'card.html';

const snapshots = new Map<Target, string>();

export function builtExtension(target: Target, buildCommand: string): string {
  const known = snapshots.get(target);
  if (known) return known;
  const dir = `${OUTPUT_DIR}${target}`;
  if (!existsSync(`${dir}/manifest.json`)) {
    throw new Error(`No built extension at ${dir}: run \`${buildCommand}\` first.`);
  }
  const parent = mkdtempSync(join(tmpdir(), `lead-lens-${target}-`));
  const copy = join(parent, target);
  cpSync(dir, copy, { recursive: true });
  snapshots.set(target, copy);
  return copy;
}

/** Removes the copies taken so far (the suite does this once its cases are done). */
export function removeBuildCopies(): void {
  for (const copy of snapshots.values()) rmSync(dirname(copy), { recursive: true, force: true });
  snapshots.clear();
}
