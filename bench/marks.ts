/**
 * Known-lead marks on a large page (part of `npm run bench -- --copy`): a 1 MB contact list with
 * 2,000 phone numbers, half of them leads in the device copy, on a site where marks are on. From a
 * trace of the page's load until the marks are drawn: the main-thread work of the extension's
 * scripts in the page (the marks script reading the text, asking, drawing; the selection script's
 * listeners), in all and per slice (one task's share). Also the page's whole main-thread task time
 * with marks against the same page on a site without them, which adds the browser's own style,
 * layout and paint of the marks.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { DEMO_CUSTOMER_ID } from '../server/credentials';
import type { MegaServer } from '../server/mega-server';
import { allowSiteAccess } from '../scripts/lib/chromium';
import { sleep } from './browser';
import type { Row } from './report';
import { summarize } from './stats';
import { longestSlice, outermostScriptEvents, scriptCost, traced } from './trace';

const NUMBERS = 2_000;
const PAGE_BYTES = 1_000_000;
/** Long enough for the scan, ten answers from the copy and the drawing, on two busy cores. */
const SETTLE_MS = 8_000;
const MARK_NAME = /^Known lead in MEGA/;

const digits = (text: string): string => text.replace(/\D/g, '');

/** 2,000 rows of a CRM list, 1 MB of text: half the numbers are the demo customer's leads, half are nobody's. */
export function marksPage(server: Pick<MegaServer, 'leads'>): { html: string; known: number } {
  const mine = server.leads.filter(
    (lead) => lead.customer_id === DEMO_CUSTOMER_ID && (lead.contact_phone ?? '').length > 0,
  );
  const taken = new Set(server.leads.map((lead) => digits(lead.contact_phone ?? '').slice(-10)));
  const known = mine.slice(0, NUMBERS / 2).map((lead) => lead.contact_phone as string);
  const unknown: string[] = [];
  for (let n = 0; unknown.length < NUMBERS - known.length; n += 1) {
    const candidate = `+1 (917) 4${String(n).padStart(2, '0').slice(-2)}-${String(1000 + n).slice(-4)}`;
    if (!taken.has(digits(candidate).slice(-10))) unknown.push(candidate);
  }
  const numbers = known.flatMap((phone, i) => [phone, unknown[i] as string]);
  const filler =
    'Followed up after the demo; asked for pricing on the team plan and a call next week about onboarding. ';
  const perRow = Math.max(0, Math.floor(PAGE_BYTES / numbers.length) - 120);
  const notes = filler.repeat(Math.ceil(perRow / filler.length)).slice(0, perRow);
  const rows = numbers
    .map((phone, i) => `<tr><td>Contact ${i + 1}</td><td>${phone}</td><td>${notes}</td></tr>`)
    .join('');
  return {
    html: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Contacts</title><style>body{font:14px/1.4 system-ui,sans-serif}td{padding:4px 8px;vertical-align:top}</style></head><body><h1>Contacts</h1><table>${rows}</table></body></html>`,
    known: known.length,
  };
}

/** The origins marks are turned on for: the local server's pages. */
const SITE = ['http://127.0.0.1/*', 'https://127.0.0.1/*'];

/**
 * Turns marks on for 127.0.0.1 as the popup's switch does: the browser's access to the site (given
 * first on the extensions page, so the request from a click in an extension page needs no
 * prompt), then the site in the settings.
 */
async function turnMarksOn(context: BrowserContext, extensionOrigin: string): Promise<void> {
  await allowSiteAccess(context, extensionOrigin, SITE);
  const extensionPage = await context.newPage();
  await extensionPage.goto(`${extensionOrigin}/popup.html`, { waitUntil: 'load' });
  await extensionPage.evaluate((origins) => {
    const button = document.createElement('button');
    button.id = 'bench-marks-on';
    button.textContent = 'Mark known leads on this site';
    button.addEventListener('click', () => {
      const { permissions } = (
        globalThis as unknown as { chrome: { permissions: { request(p: { origins: string[] }): Promise<boolean> } } }
      ).chrome;
      (window as unknown as { granted: Promise<boolean> }).granted = permissions.request({ origins });
    });
    document.body.prepend(button);
  }, SITE);
  await extensionPage.click('#bench-marks-on');
  const granted = await extensionPage.evaluate(() => (window as unknown as { granted: Promise<boolean> }).granted);
  if (!granted) throw new Error('the browser did not give access to 127.0.0.1');
  await extensionPage.evaluate(async () => {
    const { storage } = (
      globalThis as unknown as {
        chrome: {
          storage: {
            local: {
              get(key: string): Promise<Record<string, unknown>>;
              set(items: Record<string, unknown>): Promise<void>;
            };
          };
        };
      }
    ).chrome;
    const { settings } = await storage.local.get('settings');
    await storage.local.set({ settings: { ...(settings as object), markSites: ['http://127.0.0.1'] } });
  });
  await extensionPage.close();
  // The background registers the marks script when it sees the settings change.
  await sleep(1_000);
}

interface MarksRun {
  /** The extension's scripts in the page: all their main-thread work, and the longest single piece. */
  cpuMs: number;
  wallMs: number;
  longestMs: number;
  /** What the longest piece was: its trace event and function. */
  longestWhat: string;
  slices: number;
  /** Performance.getMetrics TaskDuration: every main-thread task of the page, in thread time. */
  taskMs: number;
  marks: number;
}

async function countMarks(context: BrowserContext, page: Page): Promise<number> {
  const cdp = await context.newCDPSession(page);
  try {
    const { root } = (await cdp.send('DOM.getDocument', { depth: 0 })) as { root: { backendNodeId: number } };
    const { nodes } = (await cdp.send('Accessibility.queryAXTree', {
      backendNodeId: root.backendNodeId,
      role: 'button',
    })) as {
      nodes: { ignored?: boolean; name?: { value?: string } }[];
    };
    return nodes.filter((node) => !node.ignored && MARK_NAME.test(String(node.name?.value ?? ''))).length;
  } finally {
    await cdp.detach().catch(() => undefined);
  }
}

async function loadAndSettle(context: BrowserContext, url: string, extensionOrigin: string): Promise<MarksRun> {
  const page = await context.newPage();
  try {
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
    // The extension's scripts in this page: its content scripts (the trace also holds the service worker's work).
    const isOurs = (fileUrl: string): boolean => fileUrl.startsWith(`${extensionOrigin}/content-scripts/`);
    const { result: metrics, events } = await traced(cdp, async () => {
      await page.goto(url, { waitUntil: 'load' });
      await sleep(SETTLE_MS);
      return (await cdp.send('Performance.getMetrics')).metrics;
    });
    await cdp.detach().catch(() => undefined);
    const cost = scriptCost(events, isOurs);
    const slices = outermostScriptEvents(events, isOurs);
    const longest = longestSlice(slices);
    return {
      cpuMs: cost.cpuMs,
      wallMs: cost.wallMs,
      longestMs: longest.ms,
      longestWhat: longest.what,
      slices: slices.length,
      taskMs: (metrics.find((metric) => metric.name === 'TaskDuration')?.value ?? Number.NaN) * 1000,
      marks: await countMarks(context, page),
    };
  } finally {
    await page.close();
  }
}

export async function benchMarks(
  { context, extensionOrigin }: { context: BrowserContext; extensionOrigin: string },
  server: MegaServer,
  extensionPage: Page,
  runs: number,
  log: (line: string) => void,
): Promise<Row[]> {
  const { html, known } = marksPage(server);
  server.addPage('marks-1mb.html', html);
  const marked = `${server.url}/pages/marks-1mb.html`;
  const elsewhere = marked.replace('//127.0.0.1:', '//localhost:');
  await turnMarksOn(context, extensionOrigin);
  const withMarks: MarksRun[] = [];
  // One load first, so the runs measure a page whose scripts are compiled and cached, as on a second visit.
  await loadAndSettle(context, marked, extensionOrigin);
  const without: MarksRun[] = [];
  for (let run = 0; run < runs; run += 1) {
    log(`  run ${run + 1} of ${runs}: with marks, then on a site without them`);
    withMarks.push(await loadAndSettle(context, marked, extensionOrigin));
    without.push(await loadAndSettle(context, elsewhere, extensionOrigin));
  }
  const cpu = summarize(withMarks.map((run) => run.cpuMs));
  const longest = Math.max(...withMarks.map((run) => run.longestMs));
  const drawn = withMarks.map((run) => run.marks);
  const added = summarize(withMarks.map((run, i) => run.taskMs - (without[i]?.taskMs ?? Number.NaN)));
  const bytes = Buffer.byteLength(html);
  return [
    {
      figure: `Marks: ${NUMBERS.toLocaleString('en-US')} numbers on a ${(bytes / 1e6).toFixed(1)} MB page, extension scripts' main-thread work in all`,
      unit: 'ms',
      value: cpu,
      budget: '< 50 ms',
      holds: cpu.median < 50,
      note: `thread time from load until drawn; ${known} of the numbers are leads, ${NUMBERS - known} nobody's; marks made near the viewport ${drawn.join(', ')} (the rest as the page is scrolled to them); ${summarize(withMarks.map((run) => run.slices)).median.toFixed(0)} slices`,
    },
    {
      figure: '  longest single slice',
      unit: 'ms',
      value: longest,
      budget: '≤ 5 ms',
      holds: longest <= 5,
      note: `the longest outermost script event of the extension in the page, each run: ${withMarks.map((run) => `${run.longestMs.toFixed(1)} ms (${run.longestWhat})`).join('; ')}`,
    },
    {
      figure: "  the page's main-thread task time, with marks − the same page without",
      unit: 'ms',
      value: added,
      budget: null,
      holds: null,
      note: "adds the browser's style, layout and paint of the marks; a difference of two loads, so noisy",
    },
  ];
}
