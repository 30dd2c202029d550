// Deterministic demo data: about 200 invented leads with the variety real CRM data has (phone
// formats from many countries, missing values everywhere, unknown enum values, ties in
// timestamps, custom fields holding lists and objects) plus a few fixed "anchor" leads that tests
// and the demo page rely on, and a handful of leads of a second customer (another account).
// On request, any number of generated leads more, for volume tests.
// Everything is derived from a fixed PRNG seed and the `now` passed in, so two processes that
// seed with the same `now` hold identical data. One long file because it is data: the anchors the
// tests name, and the generator that must keep to them.
import { DEMO_CUSTOMER_ID, OTHER_CUSTOMER_ID } from './credentials.ts';
import { digitsOf } from './phone-digits.ts';
import { createRng, type Rng } from './random.ts';
import type { CustomFieldValue, Lead, Owner, Stage, StoredCustomFieldValue } from './types.ts';

export const STAGES = {
  new: { id: '0b6f1d2e-7a1c-4c3b-8e5d-2f4a6b8c0d11', slug: 'new', name: 'New', color: '#64748b' },
  contacted: { id: '0b6f1d2e-7a1c-4c3b-8e5d-2f4a6b8c0d12', slug: 'contacted', name: 'Contacted', color: '#0ea5e9' },
  qualified: { id: '0b6f1d2e-7a1c-4c3b-8e5d-2f4a6b8c0d13', slug: 'qualified', name: 'Qualified', color: '#16a34a' },
  proposal: {
    id: '0b6f1d2e-7a1c-4c3b-8e5d-2f4a6b8c0d14',
    slug: 'proposal_sent',
    name: 'Proposal Sent',
    color: '#f59e0b',
  },
  negotiation: {
    id: '0b6f1d2e-7a1c-4c3b-8e5d-2f4a6b8c0d15',
    slug: 'negotiation',
    name: 'Negotiation',
    color: '#9333ea',
  },
  // Real pipelines have stages nobody picked a colour for.
  onHold: { id: '0b6f1d2e-7a1c-4c3b-8e5d-2f4a6b8c0d16', slug: 'on_hold', name: 'On Hold', color: null },
} as const satisfies Record<string, Stage>;

export const OWNERS = {
  priya: { id: '5c1e9a7b-2d3f-4a6c-9b8e-7f6a5b4c3d21', name: 'Priya Patel', role_name: 'Account Executive' },
  marcus: { id: '5c1e9a7b-2d3f-4a6c-9b8e-7f6a5b4c3d22', name: 'Marcus Johnson', role_name: 'Sales Development Rep' },
  sofia: { id: '5c1e9a7b-2d3f-4a6c-9b8e-7f6a5b4c3d23', name: 'Sofia Rossi', role_name: 'Account Manager' },
  kenji: { id: '5c1e9a7b-2d3f-4a6c-9b8e-7f6a5b4c3d24', name: 'Kenji Tanaka', role_name: 'Sales Manager' },
  amara: { id: '5c1e9a7b-2d3f-4a6c-9b8e-7f6a5b4c3d25', name: 'Amara Okafor', role_name: 'Customer Success Lead' },
  daniel: { id: '5c1e9a7b-2d3f-4a6c-9b8e-7f6a5b4c3d26', name: 'Daniel Kim', role_name: null },
} as const satisfies Record<string, Owner>;

/** The second customer's one member of staff. */
export const OTHER_CUSTOMER_OWNER: Owner = {
  id: '9e8d7c6b-5a49-4382-9170-6f5e4d3c2b11',
  name: 'Elif Yılmaz',
  role_name: 'Broker',
};

/** Each customer's team: the people a bulk import may name as a lead's owner (`owner_id`). */
export const TEAMS: ReadonlyMap<string, readonly Owner[]> = new Map([
  [DEMO_CUSTOMER_ID, Object.values(OWNERS)],
  [OTHER_CUSTOMER_ID, [OTHER_CUSTOMER_OWNER]],
]);

/**
 * The custom fields both customers have defined in MEGA: every slug their leads hold. A bulk
 * import ignores (and names) any other.
 */
export const CUSTOM_FIELD_SLUGS: ReadonlySet<string> = new Set([
  'lead_line',
  'budget',
  'preferred_contact',
  'timeline',
  'pre_approved',
  'property_type',
  'referral_code',
  'notes',
  'tags',
  'address',
  'showings',
  'preferences',
]);

/** Fixed leads other code can rely on (ids and contact details never change). */
export const ANCHORS = {
  jane: {
    id: 'a0000000-0000-4000-8000-00000000a001',
    contact_name: 'Jane Cooper',
    contact_phone: '+1 (415) 555-0134',
    contact_email: 'jane.cooper@acme.com',
  },
  lukas: {
    id: 'a0000000-0000-4000-8000-00000000a002',
    contact_name: 'Lukas Schmidt',
    contact_phone: '+49 30 12345678',
    contact_email: 'lukas.schmidt@beispiel.de',
  },
  oliver: {
    id: 'a0000000-0000-4000-8000-00000000a003',
    contact_name: 'Oliver Smith',
    contact_phone: '020 7946 0958',
    contact_email: 'oliver.smith@example.co.uk',
  },
  amelie: {
    id: 'a0000000-0000-4000-8000-00000000a004',
    contact_name: 'Amélie Dubois',
    contact_phone: '+33 1 42 68 53 00',
    contact_email: 'amelie.dubois@exemple.fr',
  },
  nameless: {
    id: 'a0000000-0000-4000-8000-00000000a005',
    contact_name: null,
    contact_phone: '+1 212 555 0199',
    contact_email: null,
  },
  /**
   * Custom fields that drift from the documented scalars, as real data does: a list and an
   * object, exactly `CUSTOM_FIELD_ANCHOR_FIELDS`.
   */
  valeria: {
    id: 'a0000000-0000-4000-8000-00000000a006',
    contact_name: 'Valeria Montoya',
    contact_phone: '+1 (737) 555-0172',
    contact_email: 'valeria.montoya@lonestar-homes.example',
  },
} as const;

/** The custom fields of ANCHORS.valeria. */
export const CUSTOM_FIELD_ANCHOR_FIELDS: Readonly<Record<string, StoredCustomFieldValue>> = {
  lead_line: 'buyer',
  tags: ['vip', 'spanish'],
  address: { city: 'Austin', zip: '78701' },
  budget: 650000,
};

/**
 * Fixed leads of the second customer (OTHER_CUSTOMER_ID). Jordan Reyes has Jane Cooper's phone
 * number under another name: the same selection shows a different person once the account is
 * switched.
 */
export const OTHER_CUSTOMER_ANCHORS = {
  jordan: {
    id: 'b0000000-0000-4000-8000-00000000b001',
    contact_name: 'Jordan Reyes',
    contact_phone: ANCHORS.jane.contact_phone,
    contact_email: 'jordan.reyes@brightline-realty.example',
  },
} as const;

/** Number of demo leads whose contact_name contains "Garcia" (two pages at limit 20). */
export const GARCIA_COUNT = 27;

const SEED = 0x4d454741; // "MEGA"
const DAY = 86_400_000;
const HOUR = 3_600_000;

type PhoneFormat = (rng: Rng) => string;

// US numbers use the fictional 555-0100..0199 block; 34 and 99 are skipped so that no generated
// number ends like an anchor's.
const usLine = (rng: Rng): string => {
  let n = rng.int(0, 98);
  while (n === 34 || n === 99) n = rng.int(0, 98);
  return `01${String(n).padStart(2, '0')}`;
};
const US_AREAS = [
  '212',
  '310',
  '312',
  '415',
  '512',
  '617',
  '646',
  '702',
  '720',
  '206',
  '305',
  '404',
  '503',
  '602',
  '713',
  '917',
  '929',
  '773',
];
const nonZero = (rng: Rng): string => String(rng.int(1, 9));
const pairs = (rng: Rng, count: number): string => Array.from({ length: count }, () => rng.digits(2)).join(' ');

const PHONES: Record<string, PhoneFormat[]> = {
  us: [
    (r) => `+1 (${r.pick(US_AREAS)}) 555-${usLine(r)}`,
    (r) => `${r.pick(US_AREAS)}.555.${usLine(r)}`,
    (r) => `(${r.pick(US_AREAS)}) 555-${usLine(r)}`,
    (r) => `${r.pick(US_AREAS)}-555-${usLine(r)}`,
    (r) => `+1 ${r.pick(US_AREAS)} 555 ${usLine(r)}`,
    (r) => `+1${r.pick(US_AREAS)}555${usLine(r)}`,
    (r) => `1-${r.pick(US_AREAS)}-555-${usLine(r)}`,
    (r) => `555-${usLine(r)}`, // no area code: how people jot local numbers down
  ],
  ca: [(r) => `+1 (604) 555-${usLine(r)}`, (r) => `416-555-${usLine(r)}`],
  uk: [
    (r) => `+44 20 7946 0${r.digits(3)}`,
    (r) => `020 7946 0${r.digits(3)}`,
    (r) => `+44 161 496 0${r.digits(3)}`,
    (r) => `0161 496 0${r.digits(3)}`,
    (r) => `07700 900${r.digits(3)}`,
    (r) => `+44 7700 900${r.digits(3)}`,
  ],
  de: [
    (r) => `+49 30 ${nonZero(r)}${r.digits(7)}`,
    (r) => `030 ${nonZero(r)}${r.digits(7)}`,
    (r) => `+49 89 ${nonZero(r)}${r.digits(6)}`,
    (r) => `+49 151 ${r.digits(8)}`,
    (r) => `0151/${r.digits(8)}`,
  ],
  fr: [
    (r) => `+33 1 ${pairs(r, 4)}`,
    (r) => `01 ${pairs(r, 4)}`,
    (r) => `+33 6 ${pairs(r, 4)}`,
    (r) => `06.${pairs(r, 4).replaceAll(' ', '.')}`,
  ],
  in: [
    (r) => `+91 9${r.digits(4)} ${r.digits(5)}`,
    (r) => `+91-98${r.digits(3)}-${r.digits(5)}`,
    (r) => `098${r.digits(8)}`,
  ],
  br: [
    (r) => `+55 11 9${r.digits(4)}-${r.digits(4)}`,
    (r) => `(11) 9${r.digits(4)}-${r.digits(4)}`,
    (r) => `+55 21 9${r.digits(4)}-${r.digits(4)}`,
  ],
  es: [
    (r) => `+34 912 ${r.digits(3)} ${r.digits(3)}`,
    (r) => `+34 6${r.digits(2)} ${r.digits(3)} ${r.digits(3)}`,
    (r) => `+52 55 ${r.digits(4)} ${r.digits(4)}`,
  ],
  au: [
    (r) => `+61 2 ${r.digits(4)} ${r.digits(4)}`,
    (r) => `+61 4${r.digits(2)} ${r.digits(3)} ${r.digits(3)}`,
    (r) => `(02) ${r.digits(4)} ${r.digits(4)}`,
  ],
  jp: [(r) => `+81 3-${r.digits(4)}-${r.digits(4)}`, (r) => `03-${r.digits(4)}-${r.digits(4)}`],
};

interface Locale {
  weight: number;
  phones: keyof typeof PHONES;
  first: readonly string[];
  last: readonly string[];
  domains: readonly string[];
}

// No pool contains Garcia, Smith, Cooper, Schmidt or Dubois: searches for those stay exact.
const US_FIRST = [
  'James',
  'Mary',
  'Michael',
  'Patricia',
  'Robert',
  'Jennifer',
  'David',
  'Linda',
  'William',
  'Elizabeth',
  'Chris',
  'Ashley',
  'Brian',
  'Megan',
  'Kevin',
  'Rachel',
  'Tyler',
  'Morgan',
  'Jordan',
  'Taylor',
  'Aaliyah',
  'DeShawn',
  'Hannah',
  'Ethan',
];
const US_LAST = [
  'Johnson',
  'Williams',
  'Brown',
  'Jones',
  'Miller',
  'Davis',
  'Wilson',
  'Anderson',
  'Thomas',
  'Moore',
  'Jackson',
  'Martin',
  'Lee',
  'Thompson',
  'White',
  'Harris',
  'Clark',
  'Lewis',
  'Walker',
  'Young',
  'Allen',
  'King',
  'Wright',
  'Scott',
  'Green',
  'Baker',
  'Adams',
  'Nelson',
  'Hill',
  'Campbell',
  'Mitchell',
  'Roberts',
  'Carter',
  'Phillips',
  'Evans',
  'Turner',
  'Parker',
  'Collins',
  'Edwards',
  'Stewart',
  'Morris',
  'Murphy',
  'Rivera',
  "O'Brien",
  'McAllister',
];
const US_DOMAINS = [
  'gmail.com',
  'yahoo.com',
  'outlook.com',
  'icloud.com',
  'northwind.io',
  'contoso.com',
  'brightpath.co',
  'summitrealty.com',
  'bluefinhomes.com',
  'oakandpine.net',
];

const LOCALES: readonly Locale[] = [
  { weight: 36, phones: 'us', first: US_FIRST, last: US_LAST, domains: US_DOMAINS },
  { weight: 4, phones: 'ca', first: US_FIRST, last: US_LAST, domains: ['gmail.com', 'shaw.ca', 'maplegrove.ca'] },
  {
    weight: 12,
    phones: 'uk',
    first: ['Harry', 'Amelia', 'George', 'Isla', 'Jack', 'Poppy', 'Charlotte', 'Alfie', 'Freya', 'Archie', 'Imogen'],
    last: [
      'Jones',
      'Taylor',
      'Brown',
      'Evans',
      'Wright',
      'Walker',
      'Hughes',
      'Hall',
      'Wood',
      'Clarke',
      'Khan',
      'Ahmed',
    ],
    domains: ['example.co.uk', 'btinternet.com', 'gmail.com', 'thamesview.co.uk'],
  },
  {
    weight: 8,
    phones: 'de',
    first: ['Jonas', 'Leonie', 'Felix', 'Hannah', 'Maximilian', 'Sophie', 'Paul', 'Mia', 'Niklas', 'Lena'],
    last: ['Müller', 'Schneider', 'Fischer', 'Weber', 'Meyer', 'Wagner', 'Becker', 'Hoffmann', 'Schäfer', 'Koch'],
    domains: ['beispiel.de', 'web.de', 'gmx.de', 't-online.de'],
  },
  {
    weight: 7,
    phones: 'fr',
    first: ['Camille', 'Louis', 'Chloé', 'Hugo', 'Léa', 'Gabriel', 'Manon', 'Jules', 'Inès'],
    last: ['Martin', 'Bernard', 'Durand', 'Lefèvre', 'Moreau', 'Laurent', 'Girard', 'Roux', 'Fournier'],
    domains: ['exemple.fr', 'orange.fr', 'free.fr', 'gmail.com'],
  },
  {
    weight: 8,
    phones: 'in',
    first: ['Aarav', 'Ananya', 'Rohan', 'Priyanka', 'Vikram', 'Sneha', 'Arjun', 'Kavya', 'Rahul', 'Divya'],
    last: ['Sharma', 'Verma', 'Iyer', 'Reddy', 'Nair', 'Gupta', 'Mehta', 'Kapoor', 'Desai', 'Rao'],
    domains: ['example.in', 'gmail.com', 'rediffmail.com'],
  },
  {
    weight: 6,
    phones: 'br',
    first: ['João', 'Ana', 'Pedro', 'Beatriz', 'Lucas', 'Mariana', 'Gustavo', 'Larissa'],
    last: ['Silva', 'Santos', 'Oliveira', 'Souza', 'Costa', 'Pereira', 'Almeida', 'Ferreira'],
    domains: ['empresa.com.br', 'gmail.com', 'uol.com.br'],
  },
  {
    weight: 7,
    phones: 'es',
    first: ['Pablo', 'Lucía', 'Sergio', 'Marta', 'Alejandro', 'Laura', 'Diego'],
    last: ['Fernández', 'López', 'Martínez', 'Sánchez', 'Pérez', 'Gómez', 'Díaz', 'Ruiz', 'Hernández', 'Torres'],
    domains: ['ejemplo.es', 'gmail.com', 'hotmail.com', 'correo.mx'],
  },
  {
    weight: 5,
    phones: 'au',
    first: ['Lachlan', 'Matilda', 'Riley', 'Chloe', 'Hamish', 'Zara'],
    last: ['Nguyen', 'Kelly', 'Ryan', 'Walsh', 'Murray', 'Kennedy'],
    domains: ['example.com.au', 'bigpond.com'],
  },
  {
    weight: 4,
    phones: 'jp',
    first: ['Haruto', 'Yui', 'Sota', 'Hina', 'Ren', 'Aoi'],
    last: ['Sato', 'Suzuki', 'Takahashi', 'Watanabe', 'Ito', 'Yamamoto'],
    domains: ['example.jp', 'gmail.com'],
  },
];

const GARCIA_NAMES = [
  'Maria Garcia',
  'José Garcia',
  'Carlos Garcia-Ruiz',
  'Ana María Garcia López',
  'Luis Garcia',
  'Sofia Garcia',
  'Miguel Garcia',
  'Isabella Garcia',
  'Diego Garcia',
  'Lucia Garcia',
  'Javier Garcia',
  'Camila Garcia',
  'Mateo Garcia',
  'Valentina Garcia',
  'Alejandro Garcia',
  'Dr. Elena Garcia',
  'Ricardo Garcia',
  'Gabriela Garcia',
  'Fernando Garcia',
  'Daniela Garcia',
  'Andrés Garcia',
  'Garcia, Paula',
  'Jorge Garcia',
  'Carmen Garcia',
  'Rafael Garcia',
  'Marisol Garcia',
  'Tomás Garcia',
];
const OTHER_SMITHS = ['Emma Smith', 'Liam Smith', 'Grace Smith-Jones', 'Nathan Smith'];

interface Special {
  name: string | null;
  phone: string | null | PhoneFormat;
  email: string | null;
  sourcePlatform?: string;
  sourceType?: string;
}

// Names and shapes that break naive UIs: non-Latin scripts, right-to-left text, very long names,
// odd capitalisation, leads with only one way to reach them.
const SPECIALS: readonly Special[] = [
  { name: 'Nguyễn Văn An', phone: (r) => `+84 28 3822 ${r.digits(4)}`, email: 'an.nguyen@example.vn' },
  { name: '李伟', phone: (r) => `+86 10 6552 ${r.digits(4)}`, email: 'li.wei@example.cn' },
  { name: 'Ольга Иванова', phone: (r) => `+7 495 123-${r.digits(2)}-${r.digits(2)}`, email: 'olga.ivanova@example.ru' },
  { name: 'محمد الأحمد', phone: (r) => `+971 4 ${r.digits(3)} ${r.digits(4)}`, email: 'm.alahmad@example.ae' },
  {
    name: 'Maximilian Alexander von Hohenberg-Schwarzenfeld',
    phone: (r) => `+49 89 ${nonZero(r)}${r.digits(6)}`,
    email: 'maximilian.alexander.von.hohenberg-schwarzenfeld@hohenberg-immobilien.example.de',
  },
  {
    name: "Zoë O'Connor-Ní Bhriain",
    phone: (r) => `+353 1 ${r.digits(3)} ${r.digits(4)}`,
    email: 'zoe.oconnor@example.ie',
  },
  { name: 'ROBERT CHEN', phone: (r) => `(646) 555-${usLine(r)}`, email: 'RChen@Example.com' },
  { name: 'sam lee', phone: null, email: 'sam.lee.home@gmail.com' },
  {
    name: 'Dr. Katherine Okonkwo-Williams, PhD',
    phone: (r) => `+1 (305) 555-${usLine(r)}`,
    email: 'k.okonkwo@miamimedical.example.org',
  },
  {
    name: 'Kwame Mensah',
    phone: (r) => `+233 30 ${r.digits(3)} ${r.digits(4)}`,
    email: null,
    sourcePlatform: 'tiktok_ads',
  },
  { name: null, phone: null, email: 'info@lakeshore-properties.example.com', sourceType: 'email' },
  {
    name: null,
    phone: (r) => `+44 7700 900${r.digits(3)}`,
    email: null,
    sourceType: 'walk_in',
    sourcePlatform: 'direct',
  },
];

const SOURCE_TYPES = ['form', 'phone_call', 'email', 'chat', 'sms', 'manual', 'import'];
const SOURCE_PLATFORMS = [
  'google_ads',
  'meta_ads',
  'google_organic',
  'direct',
  'referral',
  'hubspot',
  'zoho',
  'ghl',
  'shopify',
  'zenmaid',
  'lead_docket',
  'salesforce',
];
const STATUS_WEIGHTS: ReadonlyArray<readonly [string, number]> = [
  ['active', 45],
  ['nurture', 20],
  ['won', 12],
  ['lost', 13],
  ['archived', 10],
];
const STAGE_LIST: readonly Stage[] = Object.values(STAGES);
const OWNER_LIST: readonly Owner[] = Object.values(OWNERS);
const TAGS = ['vip', 'first-time-buyer', 'relocating', 'cash-buyer', 'investor', 'do-not-call'];

function weighted<T>(rng: Rng, items: ReadonlyArray<readonly [T, number]>): T {
  const total = items.reduce((sum, [, w]) => sum + w, 0);
  let roll = rng.next() * total;
  for (const [item, w] of items) {
    roll -= w;
    if (roll < 0) return item;
  }
  return items[items.length - 1]![0];
}

function asciiSlug(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ß/g, 'ss')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '');
}

const anchorPhones = Object.values(ANCHORS).map((a) => digitsOf(a.contact_phone));
const anchorEmails = new Set<string>(
  Object.values(ANCHORS).flatMap((a) => (a.contact_email ? [a.contact_email.toLowerCase()] : [])),
);

/** How many of the demo customer's leads the generator draws before the hand-written ones. */
const GENERATED_DEMO_LEADS = 200;
/** Enough for any volume test, small enough that seeding stays a matter of seconds. */
export const MAX_LEAD_COUNT = 1_000_000;

/**
 * What `samePhone` (phone-digits.ts) compares, as one string: two numbers are the same exactly
 * when their keys are equal, so a Set finds a clash in constant time however many leads there are.
 */
function phoneKey(phone: string): string {
  const digits = digitsOf(phone);
  return digits.length >= 10 ? `L${digits.slice(-10)}` : `S${digits}`;
}

// Formats with room for millions of distinct numbers: the fallback once a locale's fictional
// ranges (US 555-01xx, UK 7946 0xxx) are used up by a large data set.
const ROOMY_PHONES: readonly PhoneFormat[] = [
  (r) => `+49 151 ${r.digits(8)}`,
  (r) => `+91 9${r.digits(4)} ${r.digits(5)}`,
  (r) => `+55 11 9${r.digits(4)}-${r.digits(4)}`,
  (r) => `+33 6 ${pairs(r, 4)}`,
];

/**
 * The custom fields MEGA's published schema allows (string, number, boolean or null): what the
 * server serves unless it was asked to drift (`MegaServerOptions.drift`).
 */
export function withinContract(
  fields: Readonly<Record<string, StoredCustomFieldValue>>,
): Record<string, CustomFieldValue> {
  const kept: Record<string, CustomFieldValue> = {};
  for (const [key, value] of Object.entries(fields)) {
    if (value === null || typeof value !== 'object') kept[key] = value;
  }
  return kept;
}

/**
 * Builds the demo data set relative to `now`. Same `now` and `count`, same data. `count`, when
 * given, is how many leads the demo customer has: the default set first, always the same, then
 * generated leads of the same variety up to the count.
 */
export function seedLeads(now: Date, count?: number): Lead[] {
  const rng = createRng(SEED);
  const nowMs = now.getTime();
  const iso = (ms: number): string => new Date(ms).toISOString();
  const usedPhones = new Set<string>(Object.values(ANCHORS).map((a) => phoneKey(a.contact_phone)));
  const usedEmails = new Set<string>(anchorEmails);
  const leads: Lead[] = [];

  // A generated number must never be findable by searching an anchor's number, and no two leads
  // share a number (a POST would otherwise merge unpredictably).
  const tryPhone = (format: PhoneFormat): string | null => {
    const phone = format(rng);
    const digits = digitsOf(phone);
    const clashesWithAnchor = anchorPhones.some((a) => digits.includes(a.slice(-10)) || a.includes(digits));
    const key = phoneKey(phone);
    if (clashesWithAnchor || usedPhones.has(key)) return null;
    usedPhones.add(key);
    return phone;
  };
  const uniquePhone = (format: PhoneFormat): string => {
    for (;;) {
      const phone = tryPhone(format);
      if (phone !== null) return phone;
    }
  };
  /** For generated leads past the first 200: a few tries in the locale's formats, then a roomy one. */
  const plentifulPhone = (formats: readonly PhoneFormat[]): string => {
    for (let attempt = 0; attempt < 8; attempt++) {
      const phone = tryPhone(rng.pick(formats));
      if (phone !== null) return phone;
    }
    return uniquePhone(rng.pick(ROOMY_PHONES));
  };
  const uniqueEmail = (wanted: string): string => {
    let email = wanted;
    for (let n = 2; usedEmails.has(email.toLowerCase()); n++) email = wanted.replace('@', `${n}@`);
    usedEmails.add(email.toLowerCase());
    return email;
  };
  const emailFor = (first: string, last: string, domain: string): string => {
    const f = asciiSlug(first);
    const l = asciiSlug(last);
    const pattern = rng.int(0, 5);
    const local =
      pattern === 0
        ? `${f}.${l}`
        : pattern === 1
          ? `${f[0] ?? 'x'}${l}`
          : pattern === 2
            ? `${f}${l}${rng.int(1, 99)}`
            : pattern === 3
              ? `${f}_${l}`
              : pattern === 4
                ? `${l}.${f}`
                : `${f}`;
    const email = `${local}@${domain}`;
    // A few people type their address with capitals; search must not care.
    if (rng.chance(0.04)) {
      const plain = (t: string): string => t.normalize('NFD').replace(/[^A-Za-z0-9]/g, '');
      return uniqueEmail(`${plain(first)}.${plain(last)}@${domain[0]?.toUpperCase() ?? ''}${domain.slice(1)}`);
    }
    return uniqueEmail(email);
  };

  interface Shape {
    id?: string;
    customerId?: string;
    name: string | null;
    phone: string | null;
    email: string | null;
    sourceType?: string;
    sourcePlatform?: string;
    createdAt?: number;
    updatedAt?: number;
  }

  const randomCustomFields = (): Record<string, CustomFieldValue> => {
    const fields: Record<string, CustomFieldValue> = {};
    if (rng.chance(0.85)) fields.lead_line = rng.chance(0.55) ? 'buyer' : 'seller';
    if (rng.chance(0.6)) fields.budget = rng.chance(0.1) ? null : rng.int(12, 250) * 5000;
    if (rng.chance(0.5)) fields.preferred_contact = rng.pick(['email', 'phone', 'sms', 'whatsapp']);
    if (rng.chance(0.4)) fields.timeline = rng.pick(['0-3 months', '3-6 months', '6-12 months', '12+ months']);
    if (rng.chance(0.3)) fields.pre_approved = rng.chance(0.5);
    if (rng.chance(0.3))
      fields.property_type = rng.pick(['condo', 'single_family', 'townhouse', 'multi_family', 'land']);
    if (rng.chance(0.1)) fields.referral_code = null;
    if (rng.chance(0.1))
      fields.notes = rng.pick([
        'Prefers mornings',
        'Call after 5pm',
        'Spanish speaker',
        'Met at open house on Elm St.',
      ]);
    return fields;
  };

  const build = (shape: Shape): Lead => {
    const createdAt = shape.createdAt ?? nowMs - rng.int(1, 400) * DAY - rng.int(0, DAY - 1);
    const hasInteraction = rng.chance(0.85);
    const lastInteraction = hasInteraction
      ? rng.chance(0.04)
        ? nowMs - 3 * DAY
        : createdAt + Math.floor(rng.next() * (nowMs - createdAt))
      : null;
    const updatedAt =
      shape.updatedAt ?? Math.max(createdAt + Math.floor(rng.next() * (nowMs - createdAt)), lastInteraction ?? 0);
    const score = rng.chance(0.15) ? null : rng.int(3, 99);
    const lead: Lead = {
      id: shape.id ?? rng.uuid(),
      customer_id: shape.customerId ?? DEMO_CUSTOMER_ID,
      contact_name: shape.name,
      contact_phone: shape.phone,
      contact_email: shape.email,
      source_platform: shape.sourcePlatform ?? rng.pick(SOURCE_PLATFORMS),
      source_type: shape.sourceType ?? rng.pick(SOURCE_TYPES),
      status: weighted(rng, STATUS_WEIGHTS),
      score,
      qualified: rng.chance(0.2) ? null : score !== null && score >= 60,
      current_stage: rng.chance(0.08) ? null : rng.pick(STAGE_LIST),
      owner: rng.chance(0.1) ? null : rng.pick(OWNER_LIST),
      last_interaction_at: lastInteraction === null ? null : iso(lastInteraction),
      interaction_count: lastInteraction === null ? 0 : rng.int(1, 40),
      custom_fields: randomCustomFields(),
      created_at: iso(createdAt),
      updated_at: iso(updatedAt),
    };
    if (rng.chance(0.15)) lead.tags = [rng.pick(TAGS)];
    // Some records lack optional keys altogether, as older records in real data do.
    if (rng.chance(0.03)) {
      delete lead.score;
      delete lead.qualified;
      delete lead.last_interaction_at;
      lead.interaction_count = 0;
    }
    // The second customer's leads belong to its own staff; the owner drawn above is still drawn,
    // so every lead generated after this one stays what it was.
    if (lead.customer_id === OTHER_CUSTOMER_ID && lead.owner) lead.owner = { ...OTHER_CUSTOMER_OWNER };
    return lead;
  };

  // Anchors first: fixed contact details, hand-picked values for everything a card displays.
  leads.push(
    {
      ...ANCHORS.jane,
      customer_id: DEMO_CUSTOMER_ID,
      source_platform: 'google_ads',
      source_type: 'form',
      status: 'active',
      score: 82,
      qualified: true,
      current_stage: STAGES.qualified,
      owner: OWNERS.priya,
      last_interaction_at: iso(nowMs - 3 * DAY),
      interaction_count: 14,
      custom_fields: { lead_line: 'buyer', budget: 450000, preferred_contact: 'email' },
      created_at: iso(nowMs - 120 * DAY - 5 * HOUR),
      updated_at: iso(nowMs - 3 * DAY),
    },
    {
      ...ANCHORS.lukas,
      customer_id: DEMO_CUSTOMER_ID,
      source_platform: 'referral',
      source_type: 'email',
      status: 'nurture',
      score: 64,
      qualified: false,
      current_stage: STAGES.contacted,
      owner: OWNERS.sofia,
      last_interaction_at: iso(nowMs - 12 * DAY - 2 * HOUR),
      interaction_count: 6,
      custom_fields: { lead_line: 'seller', preferred_contact: 'phone', timeline: '6-12 months' },
      created_at: iso(nowMs - 200 * DAY - 7 * HOUR),
      updated_at: iso(nowMs - 10 * DAY - 4 * HOUR),
    },
    {
      ...ANCHORS.oliver,
      customer_id: DEMO_CUSTOMER_ID,
      source_platform: 'direct',
      source_type: 'phone_call',
      status: 'won',
      score: 91,
      qualified: true,
      current_stage: STAGES.negotiation,
      owner: OWNERS.kenji,
      last_interaction_at: iso(nowMs - 30 * DAY - 1 * HOUR),
      interaction_count: 22,
      custom_fields: { lead_line: 'buyer', budget: 780000, pre_approved: true },
      created_at: iso(nowMs - 310 * DAY - 3 * HOUR),
      updated_at: iso(nowMs - 29 * DAY - 6 * HOUR),
    },
    {
      ...ANCHORS.amelie,
      customer_id: DEMO_CUSTOMER_ID,
      source_platform: 'meta_ads',
      source_type: 'chat',
      status: 'active',
      score: 73,
      qualified: true,
      current_stage: STAGES.proposal,
      owner: OWNERS.amara,
      last_interaction_at: iso(nowMs - 1 * DAY - 3 * HOUR),
      interaction_count: 9,
      custom_fields: { lead_line: 'buyer', budget: 320000, preferred_contact: 'sms' },
      created_at: iso(nowMs - 45 * DAY - 9 * HOUR),
      updated_at: iso(nowMs - 1 * DAY - 3 * HOUR),
    },
    {
      ...ANCHORS.nameless,
      customer_id: DEMO_CUSTOMER_ID,
      source_platform: 'direct',
      source_type: 'phone_call',
      status: 'active',
      score: null,
      qualified: null,
      current_stage: null,
      owner: null,
      last_interaction_at: null,
      interaction_count: 0,
      custom_fields: {},
      created_at: iso(nowMs - 5 * DAY - 2 * HOUR),
      updated_at: iso(nowMs - 5 * DAY - 2 * HOUR),
    },
  );

  // An import batch: identical created_at/updated_at, so sorting and cursors must break ties by id.
  const batchAt = nowMs - 90 * DAY - 6 * HOUR;
  const garciaPhones: PhoneFormat[] = [...PHONES.us!, ...PHONES.es!, ...PHONES.br!];
  GARCIA_NAMES.forEach((name, index) => {
    const parts = name
      .replace('Dr. ', '')
      .replace(/^Garcia, (\w+)$/, '$1 Garcia')
      .split(' ');
    const first = parts[0] ?? 'x';
    const inBatch = index % 6 === 0;
    leads.push(
      build({
        name,
        phone: rng.chance(0.9) ? uniquePhone(rng.pick(garciaPhones)) : null,
        email: rng.chance(0.85) ? emailFor(first, 'garcia', rng.pick(US_DOMAINS)) : null,
        ...(inBatch ? { createdAt: batchAt, updatedAt: batchAt, sourceType: 'import', sourcePlatform: 'hubspot' } : {}),
      }),
    );
  });

  for (const name of OTHER_SMITHS) {
    const [first = 'x'] = name.split(' ');
    const locale = rng.chance(0.5) ? LOCALES[0]! : LOCALES[2]!;
    leads.push(
      build({
        name,
        phone: uniquePhone(rng.pick(PHONES[locale.phones]!)),
        email: emailFor(first, 'smith', rng.pick(locale.domains)),
      }),
    );
  }

  for (const special of SPECIALS) {
    const phone = typeof special.phone === 'function' ? uniquePhone(special.phone) : special.phone;
    const email = special.email === null ? null : uniqueEmail(special.email);
    leads.push(
      build({
        name: special.name,
        phone,
        email,
        ...(special.sourceType ? { sourceType: special.sourceType } : {}),
        ...(special.sourcePlatform ? { sourcePlatform: special.sourcePlatform } : {}),
      }),
    );
  }

  const localeWeights = LOCALES.map((l) => [l, l.weight] as const);
  let batchExtra = 0;
  const generated = (phoneFor: (formats: readonly PhoneFormat[]) => string): Lead => {
    const locale = weighted(rng, localeWeights);
    const formats = PHONES[locale.phones]!;
    const first = rng.pick(locale.first);
    const last = rng.pick(locale.last);
    let name: string | null = rng.chance(0.08)
      ? `${first} ${String.fromCharCode(65 + rng.int(0, 25))}. ${last}`
      : `${first} ${last}`;
    let phone: string | null = rng.chance(0.9) ? phoneFor(formats) : null;
    let email: string | null = rng.chance(0.88) ? emailFor(first, last, rng.pick(locale.domains)) : null;
    if (rng.chance(0.03)) name = null;
    if (name === null && phone === null && email === null) email = emailFor(first, last, rng.pick(locale.domains));
    if (phone === null && email === null) phone = phoneFor(formats);
    const inBatch = batchExtra < 4 && rng.chance(0.05);
    if (inBatch) batchExtra++;
    return build({
      name,
      phone,
      email,
      ...(inBatch ? { createdAt: batchAt, updatedAt: batchAt, sourceType: 'import', sourcePlatform: 'hubspot' } : {}),
    });
  };
  while (leads.length < GENERATED_DEMO_LEADS) leads.push(generated((formats) => uniquePhone(rng.pick(formats))));

  // A second customer's data: proves a token only ever sees its own customer's leads.
  leads.push(
    build({
      customerId: OTHER_CUSTOMER_ID,
      name: 'Harper Lindqvist',
      phone: uniquePhone((r) => `+46 8 ${r.digits(3)} ${r.digits(3)} ${r.digits(2)}`),
      email: 'harper.lindqvist@example.se',
    }),
    build({
      customerId: OTHER_CUSTOMER_ID,
      name: 'Mateus Oliveira',
      phone: uniquePhone(PHONES.br![0]!),
      email: 'mateus.oliveira@empresa.com.br',
    }),
  );

  // Everything below is written out by hand, after the last draw from the generator, so the
  // generated leads above stay exactly what they were before these were added.

  // Custom fields as real data holds them, beyond the documented scalars.
  leads.push(
    {
      ...ANCHORS.valeria,
      customer_id: DEMO_CUSTOMER_ID,
      source_platform: 'zillow',
      source_type: 'form',
      status: 'active',
      score: 77,
      qualified: true,
      current_stage: STAGES.proposal,
      owner: OWNERS.marcus,
      last_interaction_at: iso(nowMs - 2 * DAY - 4 * HOUR),
      interaction_count: 8,
      custom_fields: structuredClone(CUSTOM_FIELD_ANCHOR_FIELDS),
      created_at: iso(nowMs - 60 * DAY - 2 * HOUR),
      updated_at: iso(nowMs - 2 * DAY - 4 * HOUR),
    },
    {
      id: 'a0000000-0000-4000-8000-00000000a007',
      customer_id: DEMO_CUSTOMER_ID,
      contact_name: 'Ingrid Solberg',
      contact_phone: null,
      contact_email: 'ingrid.solberg@fjordline.example',
      source_platform: 'referral',
      source_type: 'email',
      status: 'nurture',
      score: 41,
      qualified: false,
      current_stage: STAGES.contacted,
      owner: OWNERS.daniel,
      last_interaction_at: iso(nowMs - 20 * DAY),
      interaction_count: 3,
      custom_fields: {
        lead_line: 'seller',
        tags: ['investor', 'cash-buyer'],
        showings: [
          { date: '2025-05-20', address: '12 Elm St', feedback: null },
          { date: '2025-05-27', address: '48 Lakeview Dr', feedback: 'Too small' },
        ],
      },
      created_at: iso(nowMs - 150 * DAY),
      updated_at: iso(nowMs - 20 * DAY),
    },
    {
      id: 'a0000000-0000-4000-8000-00000000a008',
      customer_id: DEMO_CUSTOMER_ID,
      contact_name: 'Nikolai Petrov',
      contact_phone: null,
      contact_email: 'nikolai.petrov@kalinka-mail.example',
      source_platform: 'google_organic',
      source_type: 'chat',
      status: 'active',
      score: null,
      qualified: null,
      current_stage: STAGES.new,
      owner: null,
      interaction_count: 0,
      custom_fields: {
        lead_line: 'buyer',
        tags: [],
        preferences: { bedrooms: 3, garage: true, areas: ['Hyde Park', 'Zilker'], hoa: null },
      },
      created_at: iso(nowMs - 9 * DAY),
      updated_at: iso(nowMs - 9 * DAY),
    },
  );

  // The second customer's own people and leads: other names than the demo customer's, and
  // Jane Cooper's number on someone else.
  const otherOwner: Owner = { ...OTHER_CUSTOMER_OWNER };
  leads.push(
    {
      ...OTHER_CUSTOMER_ANCHORS.jordan,
      customer_id: OTHER_CUSTOMER_ID,
      source_platform: 'meta_ads',
      source_type: 'phone_call',
      status: 'nurture',
      score: 58,
      qualified: false,
      current_stage: STAGES.contacted,
      owner: otherOwner,
      last_interaction_at: iso(nowMs - 6 * DAY - 1 * HOUR),
      interaction_count: 5,
      custom_fields: { lead_line: 'seller', timeline: '3-6 months' },
      created_at: iso(nowMs - 80 * DAY - 3 * HOUR),
      updated_at: iso(nowMs - 6 * DAY - 1 * HOUR),
    },
    {
      id: 'b0000000-0000-4000-8000-00000000b002',
      customer_id: OTHER_CUSTOMER_ID,
      contact_name: 'Noor Haddad',
      contact_phone: '+971 50 123 4567',
      contact_email: 'noor.haddad@brightline-realty.example',
      source_platform: 'direct',
      source_type: 'manual',
      status: 'active',
      score: 88,
      qualified: true,
      current_stage: STAGES.negotiation,
      owner: otherOwner,
      last_interaction_at: iso(nowMs - 1 * DAY),
      interaction_count: 17,
      custom_fields: { lead_line: 'buyer', budget: 1200000 },
      created_at: iso(nowMs - 33 * DAY),
      updated_at: iso(nowMs - 1 * DAY),
    },
    {
      id: 'b0000000-0000-4000-8000-00000000b003',
      customer_id: OTHER_CUSTOMER_ID,
      contact_name: 'Felipe Duarte',
      contact_phone: null,
      contact_email: 'felipe.duarte@correo.example',
      source_platform: 'google_ads',
      source_type: 'form',
      status: 'lost',
      score: 12,
      qualified: false,
      current_stage: null,
      owner: null,
      last_interaction_at: null,
      interaction_count: 0,
      custom_fields: {},
      created_at: iso(nowMs - 210 * DAY),
      updated_at: iso(nowMs - 190 * DAY),
    },
  );

  // Generated after everything above, so that the default data set stays what it is whatever
  // the count.
  const demoCount = leads.filter((lead) => lead.customer_id === DEMO_CUSTOMER_ID).length;
  if (count !== undefined) {
    if (!Number.isInteger(count) || count < demoCount || count > MAX_LEAD_COUNT) {
      throw new RangeError(
        `the lead count must be an integer from ${demoCount} (the demo's own leads) to ${MAX_LEAD_COUNT}`,
      );
    }
    for (let extra = demoCount; extra < count; extra++) leads.push(generated(plentifulPhone));
  }

  return leads;
}
