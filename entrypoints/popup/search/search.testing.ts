/**
 * Stand-ins for the popup search's tests: a background and a copy on this device whose every
 * answer waits until the test gives it, and fake timers for the pause in typing.
 */
import { afterEach, beforeEach, vi } from 'vitest';
import type { Lead, LeadPage } from '@/utils/api/schemas';
import type { SearchReply, SearchRequest } from '@/utils/protocol';
import { createSearchController, SEARCH_PAGE_SIZE, type SearchController } from './controller';
import type { DeviceSearchReply, DeviceSearchRequest } from './request';

export function lead(id: string): Lead {
  return {
    id,
    customer_id: 'customer',
    source_platform: 'direct',
    source_type: 'form',
    status: 'active',
    created_at: '2026-01-01T00:00:00Z',
    updated_at: '2026-01-02T00:00:00Z',
    contact_name: `Lead ${id}`,
  };
}

export function page(ids: string[], total: number, nextCursor: string | null): SearchReply {
  const body: LeadPage = { leads: ids.map(lead), total, limit: SEARCH_PAGE_SIZE, offset: 0, next_cursor: nextCursor };
  return { ok: true, page: body };
}

export interface Pending {
  request: SearchRequest;
  reply(value: SearchReply): Promise<void>;
  fail(error: unknown): Promise<void>;
}

/** A stand-in for the background: every request waits until the test answers it. */
export function fakeBackground() {
  const requests: Pending[] = [];
  const search = vi.fn((request: SearchRequest) => {
    return new Promise<SearchReply>((resolve, reject) => {
      requests.push({
        request,
        // Answering lets the controller's promise callbacks run before the test goes on.
        reply: async (value) => {
          resolve(value);
          await flush();
        },
        fail: async (error) => {
          reject(error);
          await flush();
        },
      });
    });
  });
  return { search, requests, last: () => requests.at(-1)! };
}

export async function flush(): Promise<void> {
  for (let i = 0; i < 3; i += 1) await Promise.resolve();
}

export type FakeBackground = ReturnType<typeof fakeBackground>;

/** A stand-in for the copy on this device: every search waits until the test answers it. */
export function fakeDevice() {
  const requests: { request: DeviceSearchRequest; reply(ids: string[] | null, total?: number): Promise<void> }[] = [];
  const searchDevice = vi.fn(
    (request: DeviceSearchRequest) =>
      new Promise<DeviceSearchReply>((resolve) => {
        requests.push({
          request,
          reply: async (ids, total) => {
            resolve(ids === null ? null : { leads: ids.map(deviceLead), total: total ?? ids.length });
            await flush();
          },
        });
      }),
  );
  return { searchDevice, requests, last: () => requests.at(-1)! };
}

/** The copy's version of a lead, told apart from MEGA's by its name. */
export function deviceLead(id: string): Lead {
  return { ...lead(id), contact_name: `Device ${id}` };
}

/**
 * For every test of the file: fake timers, a fake background and a controller on channel
 * `popup-1`, handed to `take`; disposed after the test (the one `current` returns then).
 */
export function eachSearchTest(
  take: (made: { background: FakeBackground; controller: SearchController }) => void,
  current: () => SearchController,
): void {
  beforeEach(() => {
    vi.useFakeTimers();
    const background = fakeBackground();
    take({ background, controller: createSearchController({ search: background.search, channel: 'popup-1' }) });
  });
  afterEach(() => {
    current().dispose();
    vi.useRealTimers();
  });
}

/** Types the text one key at a time, `gapMs` apart, as a person would. */
export function typing(controller: () => SearchController) {
  return (text: string, gapMs = 40, from = ''): void => {
    let value = from;
    for (const key of text) {
      value += key;
      controller().setQuery(value);
      vi.advanceTimersByTime(gapMs);
    }
  };
}
