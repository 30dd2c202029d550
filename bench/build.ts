/** Builds both targets and measures the content script; keeps a private copy of the Chrome build. */
import { execSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BUILD_COMMAND, contentScriptSizes, outputDir, ROOT, type ScriptSize } from '../scripts/lib/build-output.ts';

export interface Builds {
  /** A copy of .output/chrome-mv3, so a build started by someone else meanwhile cannot change it. */
  chromeDir: string;
  /** The content script every page gets. */
  chrome: ScriptSize;
  firefox: ScriptSize | null;
  /** The selection script it brings in on a page's first selecting gesture. */
  chromeSelection: ScriptSize | null;
  firefoxSelection: ScriptSize | null;
  cleanup(): void;
}

/** The size of a script under content-scripts/ in a build folder, named for the browser. */
function sizeOf(buildDir: string, browser: string, name = 'content'): ScriptSize | null {
  const script = contentScriptSizes(buildDir).find((size) => size.file === `content-scripts/${name}.js`);
  return script ? { ...script, file: `${script.file} (${browser})` } : null;
}

const isBuild = (dir: string): boolean =>
  existsSync(join(dir, 'manifest.json')) && existsSync(join(dir, 'content-scripts/content.js'));

/**
 * Copies a build out of .output/. Other work in the same checkout may be rebuilding it at this
 * moment, so a missing or half-copied build is waited for and copied again (up to a minute).
 */
function copyBuild(from: string, to: string): void {
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      if (isBuild(from)) {
        rmSync(to, { recursive: true, force: true });
        cpSync(from, to, { recursive: true });
        if (isBuild(to)) return;
      }
    } catch {
      // Changed under our feet: try again.
    }
    if (Date.now() > deadline) throw new Error(`No complete build in ${from}`);
    execSync('sleep 1');
  }
}

function run(command: string): void {
  execSync(command, { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, FORCE_COLOR: '0' } });
}

export function build(skip: boolean, log: (line: string) => void): Builds {
  if (!skip) {
    log(`building: ${BUILD_COMMAND.chrome}`);
    run(BUILD_COMMAND.chrome);
  }
  const chromeDir = mkdtempSync(join(tmpdir(), 'lead-lens-bench-ext-'));
  copyBuild(outputDir('chrome'), chromeDir);
  const chrome = sizeOf(chromeDir, 'Chrome');
  if (!chrome) throw new Error(`No content script in ${chromeDir}`);
  let firefox: ScriptSize | null = null;
  let firefoxSelection: ScriptSize | null = null;
  if (!skip) {
    log(`building: ${BUILD_COMMAND.firefox}`);
    run(BUILD_COMMAND.firefox);
  }
  if (isBuild(outputDir('firefox'))) {
    firefox = sizeOf(outputDir('firefox'), 'Firefox');
    firefoxSelection = sizeOf(outputDir('firefox'), 'Firefox', 'selection');
  }
  return {
    chromeDir,
    chrome,
    firefox,
    chromeSelection: sizeOf(chromeDir, 'Chrome', 'selection'),
    firefoxSelection,
    cleanup: () => rmSync(chromeDir, { recursive: true, force: true }),
  };
}

/**
 * Two control extensions for the page-load figure: one whose content script is empty (what
 * Chrome charges for injecting any content script), one that does the least a selection lookup
 * needs at load: four capturing listeners for the input that can select text.
 */
export function controlExtensions(): { empty: string; listeners: string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'lead-lens-bench-controls-'));
  const make = (name: string, script: string): string => {
    const path = join(dir, name);
    mkdirSync(path, { recursive: true });
    const manifest = {
      manifest_version: 3,
      name: `Control ${name}`,
      version: '1.0',
      content_scripts: [{ matches: ['http://*/*', 'https://*/*'], all_frames: true, js: ['content.js'] }],
    };
    writeFileSync(join(path, 'manifest.json'), JSON.stringify(manifest));
    writeFileSync(join(path, 'content.js'), script);
    return path;
  };
  return {
    empty: make('empty', 'void 0;\n'),
    listeners: make(
      'listeners',
      "for (const type of ['mouseup', 'mousedown', 'keyup', 'keydown']) addEventListener(type, () => {}, { capture: true });\n",
    ),
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}
