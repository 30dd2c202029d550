/**
 * "Open in MEGA": the API documents no web address for a lead, so the user (or their
 * administrator, policy key `leadUrlTemplate`) gives a template such as
 * `https://app.gomega.ai/leads/{id}`. Only https addresses are opened, plain http only on this
 * computer (the local MEGA server), as for the API itself (docs/security.md §5).
 */
import { isLoopbackHost } from './base-url';

export const LEAD_ID_PLACEHOLDER = '{id}';

export type TemplateCheck = { ok: true; template: string } | { ok: false; reason: 'no-id' | 'not-url' | 'not-https' };

/** Whether a template can be used: a web address with `{id}` where the lead's id goes. */
export function checkLeadUrlTemplate(input: string): TemplateCheck {
  const template = input.trim();
  if (!template.includes(LEAD_ID_PLACEHOLDER)) return { ok: false, reason: 'no-id' };
  let url: URL;
  try {
    url = new URL(template.replaceAll(LEAD_ID_PLACEHOLDER, 'lead-id'));
  } catch {
    return { ok: false, reason: 'not-url' };
  }
  if (url.username || url.password) return { ok: false, reason: 'not-url' };
  // The id goes in the path, the query or the fragment: a lead's id must never choose the host.
  if (url.host.includes('lead-id') || new URL(template.replaceAll(LEAD_ID_PLACEHOLDER, 'other')).host !== url.host) {
    return { ok: false, reason: 'not-url' };
  }
  const secure = url.protocol === 'https:' || (url.protocol === 'http:' && isLoopbackHost(url.hostname));
  return secure ? { ok: true, template } : { ok: false, reason: 'not-https' };
}

/** The lead's address in MEGA, or null when there is no usable template. */
export function leadUrl(template: string | null | undefined, leadId: string): string | null {
  // "." and ".." (also as %2E) are path segments that climb out of the lead's address.
  if (!template || !leadId || /^\.{1,2}$/.test(leadId)) return null;
  const checked = checkLeadUrlTemplate(template);
  if (!checked.ok) return null;
  const url = checked.template.replaceAll(LEAD_ID_PLACEHOLDER, encodeURIComponent(leadId));
  // The id is encoded, so it cannot change the scheme or host; check the result all the same.
  return checkLeadUrlTemplate(`${url}${LEAD_ID_PLACEHOLDER}`).ok ? url : null;
}
