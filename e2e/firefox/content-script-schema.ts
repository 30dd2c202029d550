// Which storage areas Firefox gives a content script, read from the browser's own API schema.
//
// Firefox builds each context's `browser` object from the JSON schemas in its omni.ja: an entry
// with `allowedContexts` is put only into the contexts it names, and a content script is the
// "content" context. No WebDriver BiDi command reaches a content script's world (and the extension
// has no host permission to inject one), so the suite asks the schema the content script's
// `browser.storage` is made from; see e2e/README.md.
import { readFileSync, realpathSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { inflateRawSync } from 'node:zlib';

const STORAGE_SCHEMA = 'chrome/toolkit/content/extensions/schemas/storage.json';

/** One file out of a zip archive (omni.ja is one, with its central directory moved to the front). */
export function readZipEntry(archive: Buffer, name: string): Buffer {
  const endOfDirectory = archive.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (endOfDirectory < 0) throw new Error('not a zip archive');
  const directorySize = archive.readUInt32LE(endOfDirectory + 12);
  const recordedStart = archive.readUInt32LE(endOfDirectory + 16);
  // Mozilla's jars record offsets from where the archive proper starts, after a short header.
  const start = archive.readUInt32LE(recordedStart) === 0x02014b50 ? recordedStart : endOfDirectory - directorySize;
  const shift = start - recordedStart;
  for (let at = start; at < start + directorySize;) {
    if (archive.readUInt32LE(at) !== 0x02014b50) throw new Error('broken zip directory');
    const method = archive.readUInt16LE(at + 10);
    const compressedSize = archive.readUInt32LE(at + 20);
    const nameLength = archive.readUInt16LE(at + 28);
    const extraLength = archive.readUInt16LE(at + 30);
    const commentLength = archive.readUInt16LE(at + 32);
    const localHeader = archive.readUInt32LE(at + 42) + shift;
    if (archive.toString('utf8', at + 46, at + 46 + nameLength) === name) {
      const dataStart =
        localHeader + 30 + archive.readUInt16LE(localHeader + 26) + archive.readUInt16LE(localHeader + 28);
      const data = archive.subarray(dataStart, dataStart + compressedSize);
      if (method === 0) return data;
      if (method === 8) return inflateRawSync(data);
      throw new Error(`${name} is compressed with method ${method}`);
    }
    at += 46 + nameLength + extraLength + commentLength;
  }
  throw new Error(`no ${name} in the archive`);
}

interface SchemaNamespace {
  namespace: string;
  allowedContexts?: string[];
  properties?: Record<string, { allowedContexts?: string[] }>;
}

/**
 * The `browser.storage` areas this Firefox puts into a content script, and for each other area
 * the contexts its schema limits it to (e.g. `session: ["devtools"]`: extension pages, the
 * background and devtools only).
 */
export function contentScriptStorageAreas(firefoxExecutable: string): {
  offered: string[];
  withheld: Record<string, string[]>;
} {
  const omni = join(dirname(realpathSync(firefoxExecutable)), 'omni.ja');
  const text = readZipEntry(readFileSync(omni), STORAGE_SCHEMA).toString('utf8');
  // The file opens with a licence in // comments; the rest is JSON.
  const schema = JSON.parse(text.replace(/^\s*\/\/.*$/gm, '')) as SchemaNamespace[];
  const storage = schema.find((entry) => entry.namespace === 'storage');
  if (!storage?.properties) throw new Error(`${omni} has no storage schema at ${STORAGE_SCHEMA}`);
  if (!storage.allowedContexts?.includes('content')) return { offered: [], withheld: {} };
  const offered: string[] = [];
  const withheld: Record<string, string[]> = {};
  for (const [area, entry] of Object.entries(storage.properties)) {
    if (!['local', 'sync', 'session', 'managed'].includes(area)) continue;
    if (!entry.allowedContexts || entry.allowedContexts.includes('content')) offered.push(area);
    else withheld[area] = entry.allowedContexts;
  }
  return { offered, withheld };
}
