// Where the built extension is, and a clear error when it has not been built.
//
// A suite tests a private copy of the build, taken when it first asks for it: a build started
// meanwhile (another terminal, `npm run bench`, a watcher) rewrites .output/ in place, and a
// browser starting just then would load half an extension. `npm test` takes the copies itself,
// before anything can build again, and names them in BUILD_COPY_ENV.
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { BUILD_COMMAND, BUILD_COPY_ENV, outputDir, TARGETS, type Target } from '../../scripts/lib/build-output.ts';

/** The card's page in the build, which the content script frames: the one place e2e names it. */
export const CARD_PAGE = 'card.html';

const snapshots = new Map<Target, string>();

export function builtExtension(target: Target): string {
  const known = snapshots.get(target);
  if (known) return known;
  const given = process.env[BUILD_COPY_ENV[target]];
  if (given) {
    if (!existsSync(`${given}/manifest.json`))
      throw new Error(`No built extension at ${given} (${BUILD_COPY_ENV[target]}).`);
    return given;
  }
  const dir = outputDir(target);
  if (!existsSync(`${dir}/manifest.json`)) {
    throw new Error(`No built extension at ${dir}: run \`${BUILD_COMMAND[target]}\` first.`);
  }
  const parent = mkdtempSync(join(tmpdir(), `lead-lens-${TARGETS[target]}-`));
  const copy = join(parent, TARGETS[target]);
  cpSync(dir, copy, { recursive: true });
  snapshots.set(target, copy);
  return copy;
}

/** Removes the copies taken so far (the suite does this once its cases are done). */
export function removeBuildCopies(): void {
  for (const copy of snapshots.values()) rmSync(dirname(copy), { recursive: true, force: true });
  snapshots.clear();
}
