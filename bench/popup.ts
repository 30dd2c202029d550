/** API requests made by the toolbar popup while a query is typed into its search box. */
import type { MegaServer } from '../server/mega-server';
import { sleep, type Session } from './browser';
import { seededRandom } from './stats';
import { SEARCH_DEBOUNCE_MS } from '../entrypoints/popup/search/controller';

export interface PopupSample {
  query: string;
  /** Requests after the popup opened and before the first key (its initial list). */
  onOpen: number;
  /** Requests from the first key until the popup went quiet. */
  whileTyping: number;
  /** The search terms those requests carried. */
  searches: string[];
  typingMs: number;
}

export type PopupResult = { ok: true; samples: PopupSample[] } | { ok: false; reason: string };

/** Long enough for the popup's typing debounce to fire and the request to arrive. */
const quietMs = (latencyMs: number): number => SEARCH_DEBOUNCE_MS + latencyMs + 250;

const leadRequests = (server: MegaServer, from: number) =>
  server.requests.slice(from).filter((r) => r.method === 'GET' && r.path === '/api/agents/crm/leads');

async function untilQuiet(server: MegaServer, quietMs: number, maxMs: number): Promise<void> {
  const deadline = Date.now() + maxMs;
  let count = server.requests.length;
  let since = Date.now();
  while (Date.now() < deadline) {
    await sleep(25);
    if (server.requests.length !== count || server.requests.some((r) => r.status === 0)) {
      count = server.requests.length;
      since = Date.now();
    } else if (Date.now() - since >= quietMs) {
      return;
    }
  }
}

/** 10-character queries a user would type: the start of lead names, one per run. */
export function popupQueries(server: MegaServer, count: number): string[] {
  const names = server.leads.map((lead) => lead.contact_name ?? '').filter((name) => name.length >= 10);
  const queries: string[] = [];
  for (let i = 0; queries.length < count && i < names.length; i += 1) {
    const query = (names[(i * 7) % names.length] ?? '').slice(0, 10).toLowerCase();
    if (!queries.includes(query)) queries.push(query);
  }
  return queries;
}

export async function measurePopup(
  session: Session,
  server: MegaServer,
  queries: readonly string[],
  latencyMs: number,
): Promise<PopupResult> {
  const random = seededRandom(0x7e1e7e);
  const samples: PopupSample[] = [];
  const page = await session.context.newPage();
  try {
    for (const query of queries) {
      const opened = server.requests.length;
      await page.goto(`${session.extensionOrigin}/popup.html`, { waitUntil: 'load' });
      const box = page.getByLabel('Search leads');
      try {
        await box.waitFor({ state: 'visible', timeout: 5_000 });
        if (!(await box.isEnabled()))
          return { ok: false, reason: 'the search box is disabled (extension not configured?)' };
      } catch {
        return { ok: false, reason: 'popup.html has no control labelled "Search leads"' };
      }
      // The popup lists recent leads when it opens: let that request go out first.
      const deadline = Date.now() + 3_000;
      while (leadRequests(server, opened).length === 0 && Date.now() < deadline) await sleep(20);
      const onOpen = leadRequests(server, opened).length;
      await box.click();
      const typed = server.requests.length;
      const started = Date.now();
      for (const [i, char] of [...query].entries()) {
        await page.keyboard.type(char);
        // 60–120 ms between keys, as people type.
        if (i < query.length - 1) await sleep(60 + Math.round(random() * 60));
      }
      const typingMs = Date.now() - started;
      await untilQuiet(server, quietMs(latencyMs), 10_000);
      const requests = leadRequests(server, typed);
      const value = await box.inputValue();
      if (value !== query) return { ok: false, reason: `typed "${query}" but the box holds "${value}"` };
      samples.push({
        query,
        onOpen,
        whileTyping: requests.length,
        searches: requests.map((r) => r.query.search ?? ''),
        typingMs,
      });
    }
    return { ok: true, samples };
  } finally {
    await page.close().catch(() => undefined);
  }
}
