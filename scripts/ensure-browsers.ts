// Finds the system Chromium and Firefox that the end-to-end suites drive, and installs the missing
// ones from Debian/Ubuntu packages when it may (as root), each with its German (one case starts
// the browsers in German). It never downloads a browser build of its own: the suites use
// playwright-core and puppeteer-core, which bring no browser.
//
//   tsx scripts/ensure-browsers.ts      installs what is missing, prints where each browser is
//   import { findChromium, findFirefox } from '../scripts/ensure-browsers.ts'   (in the suites)
import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { pathToFileURL } from 'node:url';

interface BrowserSpec {
  name: string;
  envVar: string;
  candidates: readonly string[];
  aptPackage: string;
  /**
   * The browser in German, which the suites start one of (Automatic follows the browser's
   * language): where the distribution's browser keeps its German, and the package that brings it.
   */
  german: { file: string; aptPackage: string };
}

/** The language the suites start a browser in, besides English; its pack is installed with the browser. */
export const BROWSER_LANGUAGE = 'de';

const CHROMIUM: BrowserSpec = {
  name: 'Chromium',
  envVar: 'CHROMIUM_PATH',
  candidates: ['/usr/bin/chromium', 'chromium', 'chromium-browser', 'google-chrome'],
  aptPackage: 'chromium',
  german: { file: `/usr/lib/chromium/locales/${BROWSER_LANGUAGE}.pak`, aptPackage: 'chromium-l10n' },
};

const FIREFOX: BrowserSpec = {
  name: 'Firefox',
  envVar: 'FIREFOX_PATH',
  candidates: ['firefox-esr', 'firefox'],
  aptPackage: 'firefox-esr',
  german: {
    file: `/usr/lib/firefox-esr/browser/extensions/langpack-${BROWSER_LANGUAGE}@firefox-esr.mozilla.org.xpi`,
    aptPackage: `firefox-esr-l10n-${BROWSER_LANGUAGE}`,
  },
};

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Resolves a bare command name on PATH; an absolute path is checked as it is. */
function resolveCommand(command: string): string | undefined {
  if (command.includes('/')) return isExecutable(command) ? command : undefined;
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir && isExecutable(join(dir, command))) return join(dir, command);
  }
  return undefined;
}

function find(spec: BrowserSpec): string | undefined {
  const fromEnv = process.env[spec.envVar];
  // An explicit path that does not work is an error to report, not something to paper over.
  if (fromEnv) return isExecutable(fromEnv) ? fromEnv : undefined;
  for (const candidate of spec.candidates) {
    const found = resolveCommand(candidate);
    if (found) return found;
  }
  return undefined;
}

/** The Chromium executable to drive, or undefined when there is none. */
export function findChromium(): string | undefined {
  return find(CHROMIUM);
}

/** The Firefox executable to drive, or undefined when there is none. */
export function findFirefox(): string | undefined {
  return find(FIREFOX);
}

function isDebianLike(): boolean {
  return existsSync('/etc/debian_version') && resolveCommand('apt-get') !== undefined;
}

function aptGet(args: string[]): boolean {
  const result = spawnSync('apt-get', args, {
    // apt's progress goes to stderr so that stdout stays the test report.
    stdio: ['ignore', 2, 2],
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  return result.status === 0;
}

function installHint(missing: BrowserSpec[]): string {
  const packages = missing.map((spec) => spec.aptPackage).join(' ');
  const envVars = missing.map((spec) => spec.envVar).join(' / ');
  return (
    `Missing browser: ${missing.map((spec) => spec.name).join(' and ')}. ` +
    `Install it (Debian/Ubuntu: sudo apt-get install -y ${packages}) ` +
    `or set ${envVars} to its executable.`
  );
}

export interface Browsers {
  chromium?: string;
  firefox?: string;
  /** One line that says exactly what to install, when something is still missing. */
  problem?: string;
}

/**
 * Finds both browsers; as root on Debian/Ubuntu installs the missing ones with apt-get
 * (one `apt-get update` first). Never throws: a browser that is still missing is reported in
 * `problem`, so a caller can run whatever does not need it.
 */
export function ensureBrowsers(): Browsers {
  const specs = [CHROMIUM, FIREFOX];
  let missing = specs.filter((spec) => !find(spec));
  const explicitlyWrong = missing.filter((spec) => process.env[spec.envVar]);
  if (explicitlyWrong.length > 0) {
    const spec = explicitlyWrong[0]!;
    return {
      chromium: findChromium(),
      firefox: findFirefox(),
      problem: `${spec.envVar}=${process.env[spec.envVar]} is not an executable ${spec.name}: fix or unset it.`,
    };
  }
  // The distribution's browsers (the ones apt-get installs) get their German too.
  const withoutGerman = specs.filter(
    (spec) => [undefined, `/usr/bin/${spec.aptPackage}`].includes(find(spec)) && !existsSync(spec.german.file),
  );
  if ((missing.length > 0 || withoutGerman.length > 0) && process.getuid?.() === 0 && isDebianLike()) {
    const packages = [
      ...missing.map((spec) => spec.aptPackage),
      ...withoutGerman.map((spec) => spec.german.aptPackage),
    ];
    console.error(`ensure-browsers: installing ${packages.join(' ')} with apt-get`);
    if (aptGet(['update'])) aptGet(['install', '-y', ...packages]);
    missing = specs.filter((spec) => !find(spec));
  }
  return {
    chromium: findChromium(),
    firefox: findFirefox(),
    problem: missing.length > 0 ? installHint(missing) : undefined,
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const browsers = ensureBrowsers();
  if (browsers.problem) {
    console.error(browsers.problem);
    process.exit(1);
  }
  console.log(`chromium: ${browsers.chromium}`);
  console.log(`firefox: ${browsers.firefox}`);
}
