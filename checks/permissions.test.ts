/**
 * README's permission table must say exactly what the built manifests ask for, so a store
 * reviewer (and a user) can trust it.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { builtManifest, ROOT, type Target } from './built';

/** Rows of the table under "## Permissions": permission → { chrome, firefox, why }. */
function readmeTable(): Map<string, { chrome: boolean; firefox: boolean; why: string }> {
  const readme = readFileSync(`${ROOT}README.md`, 'utf8');
  const section = readme.split(/^## Permissions\s*$/m)[1]?.split(/^## /m)[0] ?? '';
  const rows = new Map<string, { chrome: boolean; firefox: boolean; why: string }>();
  for (const line of section.split('\n')) {
    const cells = line
      .split('|')
      .slice(1, -1)
      .map((cell) => cell.trim());
    const permission = /^`([^`]+)`/.exec(cells[0] ?? '')?.[1];
    if (!permission || cells.length < 4) continue;
    rows.set(permission, { chrome: cells[1] === 'yes', firefox: cells[2] === 'yes', why: cells[3] ?? '' });
  }
  return rows;
}

/** Everything a build asks for, required or optional, API permissions and hosts alike. */
function requested(target: Target): string[] {
  const manifest = builtManifest(target);
  return [
    ...(manifest.permissions ?? []),
    ...(manifest.host_permissions ?? []),
    ...(manifest.optional_permissions ?? []).map((p) => `optional: ${p}`),
    ...(manifest.optional_host_permissions ?? []).map((p) => `optional: ${p}`),
    ...(manifest.content_scripts ?? []).flatMap((script) => script.matches.map((m) => `content script: ${m}`)),
  ].sort();
}

describe('README permission table', () => {
  const table = readmeTable();

  it.each<Target>(['chrome', 'firefox'])('lists every permission the %s build asks for, and no other', (target) => {
    const listed = [...table]
      .filter(([, row]) => row[target])
      .map(([permission]) => permission)
      .sort();
    expect(listed).toEqual(requested(target));
  });

  it('gives a reason for each one', () => {
    for (const [permission, row] of table) expect(row.why.length, permission).toBeGreaterThan(20);
  });

  it.each<Target>(['chrome', 'firefox'])('asks %s for no broad host access and no tabs permission', (target) => {
    const manifest = builtManifest(target);
    const required = [...(manifest.permissions ?? []), ...(manifest.host_permissions ?? [])];
    expect(required).not.toContain('tabs');
    expect(required).not.toContain('<all_urls>');
    expect(required.filter((p) => p.includes('*://*') || p === 'https://*/*' || p === 'http://*/*')).toEqual([]);
  });
});
