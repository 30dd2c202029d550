import { describe, expect, it } from 'vitest';
import { DEMO_CUSTOMER_ID, OTHER_CUSTOMER_ID } from './credentials.ts';
import { digitsOf, phoneMatchesQuery, samePhone } from './phone-digits.ts';
import {
  ANCHORS,
  CUSTOM_FIELD_ANCHOR_FIELDS,
  CUSTOM_FIELD_SLUGS,
  GARCIA_COUNT,
  OTHER_CUSTOMER_ANCHORS,
  seedLeads,
  STAGES,
  TEAMS,
} from './seed.ts';
import { TEST_NOW } from './test-support.ts';

const DAY = 86_400_000;
const leads = seedLeads(TEST_NOW);
const demo = leads.filter((lead) => lead.customer_id === DEMO_CUSTOMER_ID);
const byId = (id: string) => leads.find((lead) => lead.id === id);

describe('seedLeads', () => {
  it('is deterministic for a given now', () => {
    expect(seedLeads(new Date(TEST_NOW))).toEqual(leads);
  });

  it('holds about 200 demo leads with unique ids', () => {
    expect(demo.length).toBeGreaterThanOrEqual(180);
    expect(demo.length).toBeLessThanOrEqual(220);
    expect(new Set(leads.map((lead) => lead.id)).size).toBe(leads.length);
  });

  it('has exactly 27 Garcia leads and at least 3 other Smiths', () => {
    expect(demo.filter((lead) => lead.contact_name?.includes('Garcia'))).toHaveLength(GARCIA_COUNT);
    expect(GARCIA_COUNT).toBe(27);
    const smiths = demo.filter((lead) => / Smith\b/.test(lead.contact_name ?? '') && lead.id !== ANCHORS.oliver.id);
    expect(smiths.length).toBeGreaterThanOrEqual(3);
  });

  it('contains Jane Cooper exactly as documented', () => {
    const jane = byId(ANCHORS.jane.id);
    expect(jane).toMatchObject({
      contact_name: 'Jane Cooper',
      contact_phone: '+1 (415) 555-0134',
      contact_email: 'jane.cooper@acme.com',
      status: 'active',
      score: 82,
      qualified: true,
      interaction_count: 14,
      source_type: 'form',
      source_platform: 'google_ads',
      current_stage: { name: 'Qualified' },
      owner: { name: 'Priya Patel', role_name: 'Account Executive' },
      custom_fields: { lead_line: 'buyer', budget: 450000, preferred_contact: 'email' },
    });
    expect(Date.parse(jane!.last_interaction_at!)).toBe(TEST_NOW.getTime() - 3 * DAY);
  });

  it('contains the other anchors', () => {
    expect(byId(ANCHORS.lukas.id)).toMatchObject({
      contact_name: 'Lukas Schmidt',
      contact_phone: '+49 30 12345678',
      contact_email: 'lukas.schmidt@beispiel.de',
    });
    expect(byId(ANCHORS.oliver.id)).toMatchObject({
      contact_name: 'Oliver Smith',
      contact_phone: '020 7946 0958',
      contact_email: 'oliver.smith@example.co.uk',
    });
    expect(byId(ANCHORS.amelie.id)).toMatchObject({
      contact_name: 'Amélie Dubois',
      contact_phone: '+33 1 42 68 53 00',
      contact_email: 'amelie.dubois@exemple.fr',
    });
    expect(byId(ANCHORS.nameless.id)).toMatchObject({
      contact_name: null,
      contact_phone: '+1 212 555 0199',
      contact_email: null,
      current_stage: null,
      owner: null,
      score: null,
      qualified: null,
      last_interaction_at: null,
      interaction_count: 0,
    });
  });

  it("shares no anchor's phone number or email with any other lead of its customer", () => {
    const anchors = [
      ...Object.values(ANCHORS).map((anchor) => ({ anchor, customerId: DEMO_CUSTOMER_ID })),
      ...Object.values(OTHER_CUSTOMER_ANCHORS).map((anchor) => ({ anchor, customerId: OTHER_CUSTOMER_ID })),
    ];
    for (const { anchor, customerId } of anchors) {
      const others = leads.filter((lead) => lead.id !== anchor.id && lead.customer_id === customerId);
      const anchorDigits = digitsOf(anchor.contact_phone);
      const phoneClash = others.filter(
        (lead) =>
          lead.contact_phone != null &&
          (phoneMatchesQuery(lead.contact_phone, anchorDigits) ||
            phoneMatchesQuery(lead.contact_phone, anchorDigits.slice(-10)) ||
            samePhone(lead.contact_phone, anchor.contact_phone)),
      );
      expect(phoneClash.map((lead) => lead.contact_phone)).toEqual([]);
      if (anchor.contact_email) {
        const email = anchor.contact_email.toLowerCase();
        expect(others.filter((lead) => lead.contact_email?.toLowerCase().includes(email))).toEqual([]);
      }
    }
  });

  it('gives no two leads of one customer the same phone number', () => {
    for (const customerId of [DEMO_CUSTOMER_ID, OTHER_CUSTOMER_ID]) {
      const phones = leads
        .filter((lead) => lead.customer_id === customerId)
        .flatMap((lead) => (lead.contact_phone ? [lead.contact_phone] : []));
      const clashes = phones.filter((phone, index) => phones.findIndex((other) => samePhone(other, phone)) !== index);
      expect(clashes, customerId).toEqual([]);
    }
  });

  it('has custom fields holding lists and objects, on an anchor and on other leads', () => {
    expect(byId(ANCHORS.valeria.id)).toMatchObject({
      contact_name: 'Valeria Montoya',
      contact_phone: '+1 (737) 555-0172',
      contact_email: 'valeria.montoya@lonestar-homes.example',
      customer_id: DEMO_CUSTOMER_ID,
    });
    expect(byId(ANCHORS.valeria.id)?.custom_fields).toEqual({
      lead_line: 'buyer',
      tags: ['vip', 'spanish'],
      address: { city: 'Austin', zip: '78701' },
      budget: 650000,
    });
    expect(byId(ANCHORS.valeria.id)?.custom_fields).toEqual(CUSTOM_FIELD_ANCHOR_FIELDS);
    const structured = demo.filter((lead) =>
      Object.values(lead.custom_fields).some((value) => typeof value === 'object' && value !== null),
    );
    expect(structured.length).toBeGreaterThanOrEqual(3);
    expect(
      demo.some((lead) =>
        Object.values(lead.custom_fields).some((value) => Array.isArray(value) && value.length === 0),
      ),
    ).toBe(true);
  });

  it("gives the second customer its own leads, one of them on Jane Cooper's number", () => {
    const other = leads.filter((lead) => lead.customer_id === OTHER_CUSTOMER_ID);
    expect(other.length).toBeGreaterThanOrEqual(4);
    const demoNames = new Set(demo.map((lead) => lead.contact_name));
    expect(other.filter((lead) => demoNames.has(lead.contact_name)).map((lead) => lead.contact_name)).toEqual([]);
    expect(byId(OTHER_CUSTOMER_ANCHORS.jordan.id)).toMatchObject({
      customer_id: OTHER_CUSTOMER_ID,
      contact_name: 'Jordan Reyes',
      contact_phone: ANCHORS.jane.contact_phone,
    });
    expect(
      other.filter((lead) => lead.contact_phone && samePhone(lead.contact_phone, ANCHORS.jane.contact_phone)),
    ).toHaveLength(1);
  });

  it("owns every lead by someone of its customer's team, and defines every custom field it holds", () => {
    for (const lead of leads) {
      if (lead.owner) expect(TEAMS.get(lead.customer_id)).toContainEqual(lead.owner);
      for (const slug of Object.keys(lead.custom_fields)) expect(CUSTOM_FIELD_SLUGS).toContain(slug);
    }
  });

  it('has nulls in every nullable field somewhere', () => {
    const someNull = (pick: (lead: (typeof leads)[number]) => unknown) => demo.some((lead) => pick(lead) === null);
    expect(someNull((l) => l.contact_name)).toBe(true);
    expect(someNull((l) => l.contact_phone)).toBe(true);
    expect(someNull((l) => l.contact_email)).toBe(true);
    expect(someNull((l) => l.score)).toBe(true);
    expect(someNull((l) => l.qualified)).toBe(true);
    expect(someNull((l) => l.current_stage)).toBe(true);
    expect(someNull((l) => l.owner)).toBe(true);
    expect(someNull((l) => l.last_interaction_at)).toBe(true);
    expect(someNull((l) => l.owner?.role_name)).toBe(true);
    expect(someNull((l) => l.current_stage?.color)).toBe(true);
    expect(demo.some((l) => Object.values(l.custom_fields).includes(null))).toBe(true);
    expect(Object.values(STAGES).filter((s) => s.color === null)).toHaveLength(1);
  });

  it('covers every status and source, including values the API does not list', () => {
    expect(new Set(demo.map((l) => l.status))).toEqual(new Set(['active', 'won', 'lost', 'nurture', 'archived']));
    const types = new Set(demo.map((l) => l.source_type));
    const platforms = new Set(demo.map((l) => l.source_platform));
    for (const t of ['form', 'phone_call', 'email', 'chat', 'sms', 'manual', 'import']) expect(types).toContain(t);
    expect(
      [...types].some((t) => !['form', 'phone_call', 'email', 'chat', 'sms', 'manual', 'import'].includes(t)),
    ).toBe(true);
    expect(platforms.size).toBeGreaterThanOrEqual(10);
    expect(platforms).toContain('tiktok_ads');
  });

  it('marks most leads as buyer or seller', () => {
    const lines = demo.map((l) => l.custom_fields.lead_line);
    expect(lines.filter((v) => v === 'buyer' || v === 'seller').length / demo.length).toBeGreaterThan(0.6);
    expect(lines).toContain('buyer');
    expect(lines).toContain('seller');
  });

  it('dates everything relative to now, within the last 400 days', () => {
    for (const lead of leads) {
      const created = Date.parse(lead.created_at);
      expect(created).toBeLessThanOrEqual(TEST_NOW.getTime());
      expect(created).toBeGreaterThanOrEqual(TEST_NOW.getTime() - 401 * DAY);
      expect(Date.parse(lead.updated_at)).toBeGreaterThanOrEqual(created);
    }
    const threeDaysAgo = demo.filter(
      (l) => l.last_interaction_at && Date.parse(l.last_interaction_at) === TEST_NOW.getTime() - 3 * DAY,
    );
    expect(threeDaysAgo.length).toBeGreaterThanOrEqual(2);
  });

  it('has leads that share timestamps, so order must fall back to ids', () => {
    const created = demo.map((l) => l.created_at);
    const updated = demo.map((l) => l.updated_at);
    expect(new Set(created).size).toBeLessThan(created.length);
    expect(new Set(updated).size).toBeLessThan(updated.length);
  });

  it('writes phone numbers in many national and international formats', () => {
    const phones = demo.flatMap((l) => (l.contact_phone ? [l.contact_phone] : []));
    const shapes = [
      /^\+1 \(\d{3}\) 555-\d{4}$/,
      /^\d{3}\.555\.\d{4}$/,
      /^\(\d{3}\) 555-\d{4}$/,
      /^\+44 /,
      /^0\d{2,4} /,
      /^\+49 /,
      /^\+33 /,
      /^\+91[ -]/,
      /^\+55 /,
      /^\+\d{11}$/,
    ];
    for (const shape of shapes)
      expect(
        phones.some((p) => shape.test(p)),
        String(shape),
      ).toBe(true);
  });
});

describe('seedLeads with a count', () => {
  const many = seedLeads(TEST_NOW, 5_000);
  const manyDemo = many.filter((lead) => lead.customer_id === DEMO_CUSTOMER_ID);

  it('gives the demo customer that many leads, the default set first', () => {
    expect(manyDemo).toHaveLength(5_000);
    expect(seedLeads(TEST_NOW, demo.length)).toEqual(leads);
    expect(many.slice(0, leads.length)).toEqual(leads);
    expect(seedLeads(TEST_NOW, 5_000)).toEqual(many);
  });

  it('keeps ids, phone numbers and emails unique, and the anchors findable alone', () => {
    expect(new Set(many.map((lead) => lead.id)).size).toBe(many.length);
    const phoneKeys = manyDemo.flatMap((lead) => {
      if (!lead.contact_phone) return [];
      const digits = digitsOf(lead.contact_phone);
      return [digits.length >= 10 ? digits.slice(-10) : `short:${digits}`];
    });
    expect(new Set(phoneKeys).size).toBe(phoneKeys.length);
    const emails = manyDemo.flatMap((lead) => (lead.contact_email ? [lead.contact_email.toLowerCase()] : []));
    expect(new Set(emails).size).toBe(emails.length);
    for (const anchor of Object.values(ANCHORS)) {
      const digits = digitsOf(anchor.contact_phone);
      const matches = manyDemo.filter(
        (lead) => lead.contact_phone != null && phoneMatchesQuery(lead.contact_phone, digits),
      );
      expect(matches.map((lead) => lead.id)).toEqual([anchor.id]);
    }
    expect(manyDemo.filter((lead) => lead.contact_name?.includes('Garcia'))).toHaveLength(GARCIA_COUNT);
  });

  it('generates the same variety: statuses, missing values, lead lines', () => {
    const extra = manyDemo.slice(demo.length);
    expect(new Set(extra.map((lead) => lead.status))).toEqual(
      new Set(['active', 'won', 'lost', 'nurture', 'archived']),
    );
    expect(extra.some((lead) => lead.contact_phone === null)).toBe(true);
    expect(extra.some((lead) => lead.contact_email === null)).toBe(true);
    expect(extra.some((lead) => lead.custom_fields.lead_line === 'seller')).toBe(true);
  });

  it.each([0, demo.length - 1, 1.5, 1_000_001])('refuses a count of %s', (count) => {
    expect(() => seedLeads(TEST_NOW, count)).toThrow(RangeError);
  });
});
