// The client's bulk import against the project's local MEGA server, over real HTTP: what the
// server logs is what the client really sent.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_CUSTOMER_ID, READ_ONLY_TOKEN } from '@/server/credentials';
import { BULK_PATH, createMegaServer } from '@/server/mega-server';
import { ANCHORS } from '@/server/seed';
import type { MegaClientConfig, RateLimitInfo } from './client';
import { quickClient } from './client.testing';
import { failureText, MegaApiError, refusedRowText, toApiFailure } from '@/utils/api/errors';
import type { RateLimitName } from '@/utils/api/rate-budget';
import type { BulkImport } from '@/utils/api/schemas';

type MegaServer = Awaited<ReturnType<typeof createMegaServer>>;

const NO_LIMIT = { perMinute: 100_000, perHour: 1_000_000 };
let server: MegaServer;
beforeAll(async () => {
  server = await createMegaServer({ rateLimit: NO_LIMIT, bulkRateLimit: NO_LIMIT, quiet: true });
});
afterAll(() => server.close());
beforeEach(() => server.reset());

function client(overrides: Partial<MegaClientConfig> = {}, on: MegaServer = server) {
  return quickClient(on.url, overrides);
}

/** Three people of an attendee list: one new, Jane Cooper by her phone, one MEGA will refuse. */
const ATTENDEES: BulkImport = {
  leads: [
    { row_ref: 'theo', contact_name: 'Theo Marchetti', contact_email: 'theo@marchetti-photo.example' },
    { row_ref: 'jane', contact_phone: '+14155550134' },
    { row_ref: 'carla', contact_email: 'carla.nwosu@titleco.example', stage_slug: 'closed_won' },
  ],
};

const bulkRequests = (on: MegaServer = server) => on.requests.filter((request) => request.path === BULK_PATH);
const demoCount = () => server.leads.filter((lead) => lead.customer_id === DEMO_CUSTOMER_ID).length;

async function rejection(call: Promise<unknown>): Promise<MegaApiError> {
  const error: unknown = await call.then(
    () => new Error('expected the call to fail'),
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(MegaApiError);
  return error as MegaApiError;
}

/** A fetch that hands the client the server's answer changed by `edit`. */
function editedAnswers(edit: (answer: Record<string, unknown>) => void): typeof fetch {
  return async (input, init) => {
    const response = await fetch(input, init);
    const answer = (await response.json()) as Record<string, unknown>;
    edit(answer);
    return new Response(JSON.stringify(answer), {
      status: response.status,
      headers: { 'content-type': 'application/json' },
    });
  };
}

describe('previewImport: the dry run', () => {
  it('says what each row would become, writes nothing, and sends no Idempotency-Key', async () => {
    const before = demoCount();
    const preview = await client().previewImport(ATTENDEES);
    expect(preview.dry_run).toBe(true);
    expect(preview.summary).toEqual({ total: 3, created: 1, updated: 1, skipped: 0, failed: 1 });
    expect(
      preview.results.map(({ row_ref, status, lead_id, matched_by }) => [row_ref, status, lead_id, matched_by]),
    ).toEqual([
      ['theo', 'created', null, null],
      ['jane', 'updated', ANCHORS.jane.id, 'phone'],
      ['carla', 'failed', null, null],
    ]);
    expect(demoCount()).toBe(before);
    expect(bulkRequests()).toHaveLength(1);
    expect(bulkRequests()[0]).toMatchObject({ idempotencyKey: null, body: { ...ATTENDEES, dry_run: true } });
  });
});

describe('importLeads', () => {
  it('creates and merges as the preview said, with the key of the action', async () => {
    const before = demoCount();
    const result = await client().importLeads(ATTENDEES, { idempotencyKey: 'add-3-attendees' });
    expect(result.dry_run).toBe(false);
    expect(result.summary).toEqual({ total: 3, created: 1, updated: 1, skipped: 0, failed: 1 });
    expect(result.results[0]).toMatchObject({ row_ref: 'theo', status: 'created', lead_id: expect.any(String) });
    expect(demoCount()).toBe(before + 1);
    expect(bulkRequests()[0]).toMatchObject({ idempotencyKey: 'add-3-attendees', body: { dry_run: false } });
  });

  it('sends on_duplicate as asked', async () => {
    const result = await client().importLeads({ ...ATTENDEES, on_duplicate: 'skip' }, { idempotencyKey: 'skip-known' });
    expect(result.results[1]).toMatchObject({ status: 'skipped', lead_id: ANCHORS.jane.id, matched_by: 'phone' });
  });

  it('retries a failed attempt with the same key', async () => {
    server.injectFault({ type: 'status', status: 503 });
    const before = demoCount();
    await client().importLeads(ATTENDEES, { idempotencyKey: 'retried-once' });
    expect(bulkRequests().map((request) => [request.status, request.idempotencyKey])).toEqual([
      [503, 'retried-once'],
      [200, 'retried-once'],
    ]);
    expect(demoCount()).toBe(before + 1);
  });

  it('creates nothing twice when the user retries an import whose answer was lost', async () => {
    const before = demoCount();
    const first = await client().importLeads(ATTENDEES, { idempotencyKey: 'lost-answer' });
    const again = await client().importLeads(ATTENDEES, { idempotencyKey: 'lost-answer' });
    expect(again).toEqual(first);
    expect(demoCount()).toBe(before + 1);
  });

  it('adds 500 new people with one dry run and one import', async () => {
    const request: BulkImport = {
      leads: Array.from({ length: 500 }, (_, i) => ({
        row_ref: `row-${i}`,
        contact_name: `Attendee Number ${i}`,
        contact_email: `attendee.${i}@open-house.example`,
        contact_phone: `+1 646 000 ${String(i).padStart(4, '0')}`,
        lead_line: 'buyer',
      })),
    };
    const before = demoCount();
    expect((await client().previewImport(request)).summary).toMatchObject({ total: 500, created: 500 });
    expect((await client().importLeads(request, { idempotencyKey: 'five-hundred' })).summary).toMatchObject({
      total: 500,
      created: 500,
    });
    expect(bulkRequests()).toHaveLength(2);
    expect(demoCount()).toBe(before + 500);
  });

  it('needs a key', async () => {
    await expect(client().importLeads(ATTENDEES, { idempotencyKey: '' })).rejects.toThrow(TypeError);
    expect(server.requests).toHaveLength(0);
  });

  it("keeps a refused row's reasons, with anything token-shaped taken out", async () => {
    // Token-shaped, and short enough to be a stage_slug the server echoes in its reason.
    const leaked = `mega_${'ab12'.repeat(10)}`;
    const result = await client().importLeads(
      { leads: [{ row_ref: 'odd', contact_name: 'Odd Stage', stage_slug: leaked }] },
      { idempotencyKey: 'refused-row' },
    );
    const [row] = result.results;
    expect(row).toMatchObject({ status: 'failed', lead_id: null });
    expect(row?.errors).toEqual([expect.stringContaining('[token]')]);
    expect(JSON.stringify(result)).not.toContain(leaked);
    expect(refusedRowText(row?.errors ?? null)).toMatch(/^MEGA refused this row: stage_slug/);
    expect(refusedRowText(null)).toBe('MEGA refused this row without saying why.');
  });
});

describe('what a bulk import refuses before sending', () => {
  it.each<[string, BulkImport, string]>([
    ['no rows', { leads: [] }, 'leads'],
    ['a row with no name, phone or email', { leads: [{ row_ref: 'a', contact_name: ' ' }] }, 'leads.0.contact_name'],
    [
      'two rows with one row_ref',
      {
        leads: [
          { row_ref: 'a', contact_name: 'One' },
          { row_ref: 'a', contact_name: 'Two' },
        ],
      },
      'leads',
    ],
    [
      '501 rows',
      { leads: Array.from({ length: 501 }, (_, i) => ({ row_ref: `r${i}`, contact_name: `Person ${i}` })) },
      'leads',
    ],
  ])('%s', async (_what, request, field) => {
    const error = await rejection(client().previewImport(request));
    expect(toApiFailure(error)).toMatchObject({ kind: 'bad_request', field });
    expect(server.requests).toHaveLength(0);
  });
});

describe('bulk import failures, in words that fit them', () => {
  it('a token without the write scope', async () => {
    const error = await rejection(client({ token: READ_ONLY_TOKEN }).importLeads(ATTENDEES, { idempotencyKey: 'k' }));
    expect(toApiFailure(error)).toMatchObject({ kind: 'forbidden', status: 403, reason: 'no-write-scope' });
    expect(failureText(toApiFailure(error))).toMatch(/public_api:leads:write/);
  });

  it("the import's own rate limit, reported as its own count and never as the lookups'", async () => {
    const limited = await createMegaServer({ quiet: true, rateLimit: NO_LIMIT, bulkRateLimit: { perMinute: 1 } });
    try {
      const figures: Array<[RateLimitName, RateLimitInfo]> = [];
      const waits: Array<[RateLimitName, number | undefined]> = [];
      const api = client(
        {
          maxRetryAfterSeconds: 1,
          onRateLimit: (info, limit) => figures.push([limit, info]),
          onRateLimited: (seconds, limit) => waits.push([limit, seconds]),
        },
        limited,
      );
      await api.previewImport(ATTENDEES);
      const error = await rejection(api.importLeads(ATTENDEES, { idempotencyKey: 'too-soon' }));
      const failure = toApiFailure(error);
      expect(failure).toMatchObject({ kind: 'rate_limited', reason: 'bulk-rate-limited' });
      expect(failure.retryAfterSeconds).toBeGreaterThan(1);
      expect(failureText(failure)).toMatch(
        /^MEGA takes only a few imports a minute, so nothing was added\. Try again in/,
      );
      // Over the 1 s the client waits for: refused at once, not retried.
      expect(bulkRequests(limited)).toHaveLength(2);
      await api.listLeads({ search: 'jane' });
      expect(figures.map(([limit, info]) => [limit, info.limit])).toEqual([
        ['bulk', 1],
        ['bulk', 1],
        ['leads', 100_000],
      ]);
      expect(waits).toEqual([['bulk', failure.retryAfterSeconds]]);
    } finally {
      await limited.close();
    }
  });

  it.each<[string, (answer: Record<string, unknown>) => void, string]>([
    ['a dry run answered as an import', (answer) => (answer.dry_run = false), 'dry_run'],
    ['a row left out', (answer) => (answer.results as unknown[]).pop(), 'results'],
    [
      'a row never sent',
      (answer) => ((answer.results as Array<{ row_ref: string }>)[0]!.row_ref = 'stranger'),
      'results.0.row_ref',
    ],
    [
      'a row answered twice',
      (answer) => {
        const results = answer.results as unknown[];
        results[1] = results[0];
      },
      'results.1.row_ref',
    ],
    [
      'a row whose status is unknown',
      (answer) => ((answer.results as Array<{ status: string }>)[0]!.status = 'queued'),
      'results.0.status',
    ],
    ['no summary', (answer) => delete answer.summary, 'summary'],
  ])('a malformed answer: %s', async (_what, edit, field) => {
    const error = await rejection(client({ fetch: editedAnswers(edit) }).previewImport(ATTENDEES));
    expect(toApiFailure(error)).toMatchObject({ kind: 'contract', field });
  });

  it('a malformed answer: the wrong shape altogether', async () => {
    server.injectFault({ type: 'wrong-shape' });
    const error = await rejection(client().importLeads(ATTENDEES, { idempotencyKey: 'wrong-shape' }));
    expect(toApiFailure(error)).toMatchObject({ kind: 'contract', status: 200 });
  });

  it('reads what only explains a row leniently', async () => {
    const preview = await client({
      fetch: editedAnswers((answer) => {
        const [first] = answer.results as Array<Record<string, unknown>>;
        first!.matched_by = 'name';
        first!.ignored_custom_fields = 'shoe_size';
        delete answer.unknown_custom_fields;
      }),
    }).previewImport(ATTENDEES);
    expect(preview.results[0]).toMatchObject({ row_ref: 'theo', status: 'created', matched_by: null });
    expect(preview.unknown_custom_fields).toEqual([]);
  });
});
