import { describe, expect, it } from 'vitest';
import { checkLeadUrlTemplate, leadUrl } from './lead-url';

const ID = 'a0000000-0000-4000-8000-00000000a001';

describe('leadUrl', () => {
  it.each<[string, string | null]>([
    ['https://app.gomega.ai/leads/{id}', `https://app.gomega.ai/leads/${ID}`],
    ['https://crm.example.com/#/lead?id={id}&tab=overview', `https://crm.example.com/#/lead?id=${ID}&tab=overview`],
    ['  https://app.gomega.ai/leads/{id}  ', `https://app.gomega.ai/leads/${ID}`],
    ['http://127.0.0.1:8787/leads/{id}', `http://127.0.0.1:8787/leads/${ID}`],
    ['http://localhost/leads/{id}', `http://localhost/leads/${ID}`],
    ['http://app.gomega.ai/leads/{id}', null],
    ['javascript:alert({id})', null],
    ['data:text/html,{id}', null],
    ['https://app.gomega.ai/leads/', null],
    ['https://user:pw@app.gomega.ai/leads/{id}', null],
    ['not a url {id}', null],
    ['', null],
  ])('%s → %s', (template, url) => {
    expect(leadUrl(template, ID)).toBe(url);
  });

  it('encodes an id that holds characters of a URL', () => {
    expect(leadUrl('https://app.gomega.ai/leads/{id}', '../admin?x=1#y')).toBe(
      'https://app.gomega.ai/leads/..%2Fadmin%3Fx%3D1%23y',
    );
  });

  it.each(['..', '.'])("has no address for an id of %j, which would climb out of the lead's path", (id) => {
    expect(leadUrl('https://app.gomega.ai/leads/{id}', id)).toBeNull();
    expect(leadUrl('https://app.gomega.ai/leads/{id}/notes', id)).toBeNull();
  });

  it('has no address without a template or an id', () => {
    expect(leadUrl(null, ID)).toBeNull();
    expect(leadUrl('https://app.gomega.ai/leads/{id}', '')).toBeNull();
  });
});

describe('checkLeadUrlTemplate', () => {
  it.each([
    ['https://app.gomega.ai/leads', 'no-id'],
    ['ftp://files.example.com/{id}', 'not-https'],
    ['http://crm.example.com/{id}', 'not-https'],
    ['::{id}', 'not-url'],
    ['https://{id}.crm.example.com/lead', 'not-url'],
    ['https://crm.example.{id}/lead', 'not-url'],
    ['https://crm-{id}.example.com/lead', 'not-url'],
  ] as const)('explains %s', (template, reason) => {
    expect(checkLeadUrlTemplate(template)).toEqual({ ok: false, reason });
  });
});
