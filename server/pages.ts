// Test and demo pages served at /pages/<name>: the files in server/pages/ plus pages that tests
// add at run time. Served from the same loopback origin as the API, like a real web page would be.
import { readFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const PAGES_DIR = fileURLToPath(new URL('./pages/', import.meta.url));
// One path segment of ordinary characters: no "..", no slashes, no hidden files.
const SAFE_FILE = /^[A-Za-z0-9][A-Za-z0-9_-]*(?:\.[A-Za-z0-9]+)?$/;

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
};

export interface Page {
  contentType: string;
  body: string | Buffer;
}

export function normalizePagePath(path: string): string {
  return path.replace(/^\/+/, '').replace(/^pages\//, '');
}

export class PageStore {
  private readonly added = new Map<string, string>();

  add(path: string, html: string): void {
    this.added.set(normalizePagePath(path), html);
  }

  clear(): void {
    this.added.clear();
  }

  /** `name` is the part after /pages/, still percent-encoded. */
  async get(name: string): Promise<Page | null> {
    let decoded: string;
    try {
      decoded = decodeURIComponent(name);
    } catch {
      return null;
    }
    const added = this.added.get(decoded) ?? this.added.get(`${decoded}.html`);
    if (added !== undefined) return { contentType: CONTENT_TYPES['.html']!, body: added };
    for (const file of [decoded, `${decoded}.html`]) {
      if (!SAFE_FILE.test(file)) continue;
      const type = CONTENT_TYPES[extname(file)];
      if (!type) continue;
      try {
        return { contentType: type, body: await readFile(join(PAGES_DIR, file)) };
      } catch {
        // not there: try the next candidate
      }
    }
    return null;
  }
}
