// The administrator's policy as the browsers read it: a file in a machine-wide folder, read when
// the browser starts. A case that needs one (e.g. deployed accounts) has the launcher write it
// and remove it again, even when the case fails.
//
// The folders are shared by every browser on this computer, so two runs must not write the same
// file at once: whoever writes one first takes its lock (`lockFor`, waiting while another run
// holds it) and releases it once the file is gone. Chromium's file and Firefox's are locked each
// on its own: the two suites, run side by side, never wait for each other.
import { createHash } from 'node:crypto';
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  realpathSync,
  rmdirSync,
  rmSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';

/** The lock of one policy file, in the system's temporary folder. */
function lockFor(path: string): string {
  return `/tmp/lead-lens-policy-${createHash('sha256').update(path).digest('hex').slice(0, 12)}.lock`;
}
/** Other suites' policy cases take well under a minute each; a run this long is stuck. */
const LOCK_WAIT_MS = 5 * 60_000;
const LOCK_POLL_MS = 250;

/** Chromium on Linux reads every JSON file in this folder (Chrome: /etc/opt/chrome/policies/managed). */
export const CHROMIUM_POLICY_FILE = '/etc/chromium/policies/managed/lead-lens-test.json';

/** Firefox reads `distribution/policies.json` beside its real executable (e.g. /usr/lib/firefox-esr/). */
export function firefoxPolicyFile(firefoxExecutable: string): string {
  return join(dirname(realpathSync(firefoxExecutable)), 'distribution', 'policies.json');
}

/**
 * Chromium's id for an unpacked extension: the first 32 hex digits of the SHA-256 of its absolute
 * path, each digit 0–f written as a letter a–p.
 */
export function unpackedExtensionId(absolutePath: string): string {
  const hex = createHash('sha256').update(absolutePath).digest('hex').slice(0, 32);
  return [...hex].map((digit) => String.fromCharCode('a'.charCodeAt(0) + parseInt(digit, 16))).join('');
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0); // signal 0 only asks whether the process exists
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Takes the lock, waiting while a live process holds it; a lock whose holder is gone is taken over. */
async function takeLock(lock: string): Promise<void> {
  const deadline = Date.now() + LOCK_WAIT_MS;
  for (;;) {
    try {
      const fd = openSync(lock, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = Number(readFileSync(lock, { encoding: 'utf8', flag: 'r' }).trim() || NaN);
    if (Number.isInteger(holder) && !processAlive(holder)) {
      rmSync(lock, { force: true });
      continue;
    }
    if (Date.now() >= deadline) {
      throw new Error(`${lock} has been held by process ${holder} for over ${LOCK_WAIT_MS / 60_000} minutes.`);
    }
    await new Promise((resolve) => setTimeout(resolve, LOCK_POLL_MS));
  }
}

function releaseLock(lock: string): void {
  const holder = existsSync(lock) ? readFileSync(lock, 'utf8').trim() : '';
  if (holder === String(process.pid)) rmSync(lock, { force: true });
}

/** A file at this path that this module did not write (a real policy) is never overwritten. */
function isOurs(path: string, ours: (written: unknown) => boolean): boolean {
  if (!existsSync(path)) return true;
  try {
    return ours(JSON.parse(readFileSync(path, 'utf8')));
  } catch {
    return false;
  }
}

export interface PolicyFile {
  path: string;
  contents: unknown;
  /** Whether a file already at `path` is one a run of these suites left behind (and may go). */
  leftOver: (written: unknown) => boolean;
}

/**
 * Takes the lock and writes the file; returns the function that removes it (with the folders
 * made for it) and releases the lock. It can be called more than once; it also runs if the
 * process exits before the case could call it.
 */
export async function writePolicyFile({ path, contents, leftOver }: PolicyFile): Promise<() => void> {
  const lock = lockFor(path);
  await takeLock(lock);
  if (!isOurs(path, leftOver)) {
    releaseLock(lock);
    throw new Error(`${path} holds a policy these tests did not write; it is left as it is.`);
  }
  let made: string | undefined;
  let removed = false;
  const remove = (): void => {
    if (removed) return;
    removed = true;
    try {
      rmSync(path, { force: true });
      // Only the folders made here, innermost first, and only while empty.
      if (made) {
        const inner = relative(made, dirname(path)).split(sep).filter(Boolean);
        for (let depth = inner.length; depth >= 0; depth--) {
          rmdirSync(join(made, ...inner.slice(0, depth)));
        }
      }
    } catch {
      // A folder someone else has put files in meanwhile stays.
    } finally {
      releaseLock(lock);
      process.off('exit', remove);
    }
  };
  try {
    made = mkdirSync(dirname(path), { recursive: true });
    process.on('exit', remove);
    writeFileSync(path, `${JSON.stringify(contents, null, 2)}\n`);
  } catch (error) {
    remove();
    throw error;
  }
  return remove;
}
