/**
 * An administrator learns the policy's keys from docs/admin-policy.md, and Chrome checks a policy
 * against public/managed_schema.json: both must name exactly the keys Lead Lens reads.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { POLICY_SETTINGS } from './managed-policy';

const ROOT = new URL('..', import.meta.url);
const KEYS = [...POLICY_SETTINGS, 'lockedSettings'].sort();

/** The keys in the first column of the table under "## Keys". */
function documentedKeys(markdown: string): string[] {
  const section = markdown.split(/^## Keys[ \t]*$/m)[1]?.split(/^## /m)[0] ?? '';
  return [...section.matchAll(/^\|\s*`([^`]+)`\s*\|/gm)].map((match) => match[1] ?? '').sort();
}

describe('the policy keys', () => {
  it('docs/admin-policy.md has a row for each key Lead Lens reads, and for no other', () => {
    const doc = readFileSync(new URL('docs/admin-policy.md', ROOT), 'utf8');
    expect(documentedKeys(doc)).toEqual(KEYS);
  });

  it('public/managed_schema.json declares each key Lead Lens reads, and no other', () => {
    const schema = JSON.parse(readFileSync(new URL('public/managed_schema.json', ROOT), 'utf8')) as {
      properties: Record<string, unknown>;
    };
    expect(Object.keys(schema.properties).sort()).toEqual(KEYS);
  });
});
