/**
 * Headless Chromium driven over the DevTools protocol alone, for the selection-to-card figures.
 *
 * Playwright (like Puppeteer) asks the browser to hold every new frame until its debugger has
 * attached to it (`Target.setAutoAttach` with `waitForDebuggerOnStart`), and the card frame is a
 * new out-of-process frame on a page's first lookup: measured that way, each first card carried
 * about 12 ms of waiting for the driver that no user's browser has. Here nothing asks to be
 * waited for: the page's frames are attached as they come, while they run.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { CHROMIUM, CHROMIUM_ARGS, waitFor } from './browser';

interface Reply {
  id?: number;
  method?: string;
  params?: Record<string, unknown>;
  sessionId?: string;
  result?: unknown;
  error?: { message: string };
}

/** One WebSocket to the browser; sessions (flat) address pages, frames and workers on it. */
export class CdpConnection {
  private nextId = 0;
  private readonly waiting = new Map<
    number,
    { resolve: (value: unknown) => void; reject: (error: Error) => void; method: string }
  >();
  private readonly listeners = new Set<(event: Reply) => void>();

  private constructor(private readonly socket: WebSocket) {
    socket.on('message', (data) => {
      const message = JSON.parse(String(data)) as Reply;
      const call = message.id === undefined ? undefined : this.waiting.get(message.id);
      if (call && message.id !== undefined) {
        this.waiting.delete(message.id);
        if (message.error) call.reject(new Error(`${call.method}: ${message.error.message}`));
        else call.resolve(message.result);
        return;
      }
      for (const listener of this.listeners) listener(message);
    });
    socket.on('close', () => {
      for (const call of this.waiting.values())
        call.reject(new Error(`${call.method}: the browser closed the connection`));
      this.waiting.clear();
    });
  }

  static async open(url: string): Promise<CdpConnection> {
    const socket = new WebSocket(url, { perMessageDeflate: false });
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    return new CdpConnection(socket);
  }

  send<T>(method: string, params: object = {}, sessionId?: string): Promise<T> {
    const id = (this.nextId += 1);
    this.socket.send(JSON.stringify({ id, method, params, sessionId }));
    return new Promise<T>((resolve, reject) => {
      this.waiting.set(id, { resolve: resolve as (value: unknown) => void, reject, method });
    });
  }

  /** Calls `listener` with every event; returns the function that stops it. */
  on(listener: (event: { method?: string; params?: Record<string, unknown>; sessionId?: string }) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  close(): void {
    this.socket.close();
  }
}

interface EvaluateResult {
  result: { value?: unknown };
  exceptionDetails?: { text: string; exception?: { description?: string } };
}

/** Evaluates an expression in a session's main world and returns its value (promises awaited). */
export async function evaluate<T>(connection: CdpConnection, sessionId: string, expression: string): Promise<T> {
  const reply = await connection.send<EvaluateResult>(
    'Runtime.evaluate',
    { expression, awaitPromise: true, returnByValue: true },
    sessionId,
  );
  if (reply.exceptionDetails) {
    throw new Error(`In the browser: ${reply.exceptionDetails.exception?.description ?? reply.exceptionDetails.text}`);
  }
  return reply.result.value as T;
}

interface TargetInfo {
  targetId: string;
  type: string;
  url: string;
}

export interface CdpBrowser {
  connection: CdpConnection;
  /** A session on the extension's service worker. */
  workerSession: string;
  extensionOrigin: string;
  close(): Promise<void>;
}

/** Chromium with the built extension on a fresh profile, and a session on its service worker. */
export async function launchCdp(extensionDir: string): Promise<CdpBrowser> {
  const profile = mkdtempSync(join(tmpdir(), 'lead-lens-bench-cdp-'));
  const child = spawn(
    CHROMIUM,
    [
      ...CHROMIUM_ARGS,
      '--window-size=1280,800',
      `--user-data-dir=${profile}`,
      // Port 0: Chromium picks a free one and writes it to DevToolsActivePort in the profile.
      '--remote-debugging-address=127.0.0.1',
      '--remote-debugging-port=0',
      `--disable-extensions-except=${extensionDir}`,
      `--load-extension=${extensionDir}`,
      'about:blank',
    ],
    { stdio: 'ignore' },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let connection: CdpConnection | undefined;
  const close = async (): Promise<void> => {
    connection?.close();
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5_000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
    }
    rmSync(profile, { recursive: true, force: true });
  };
  try {
    const file = join(profile, 'DevToolsActivePort');
    const [port, path] = await waitFor(
      () => (existsSync(file) ? readFileSync(file, 'utf8').split('\n') : undefined),
      'the DevTools port',
      15_000,
      50,
    );
    connection = await CdpConnection.open(`ws://127.0.0.1:${port}${path}`);
    const open = connection;
    const worker = await waitFor(
      async () =>
        (await open.send<{ targetInfos: TargetInfo[] }>('Target.getTargets')).targetInfos.find(
          (target) => target.type === 'service_worker' && target.url.startsWith('chrome-extension://'),
        ),
      "the extension's service worker",
      30_000,
      50,
    );
    const { sessionId } = await open.send<{ sessionId: string }>('Target.attachToTarget', {
      targetId: worker.targetId,
      flatten: true,
    });
    // The worker's extension APIs are there once its script has run.
    await waitFor(
      async () =>
        (await evaluate<string>(open, sessionId, 'typeof globalThis.chrome?.storage?.local')) === 'object'
          ? true
          : undefined,
      'chrome.storage in the worker',
      10_000,
      50,
    );
    // Node's URL gives `null` for the origin of a chrome-extension: address.
    return {
      connection: open,
      workerSession: sessionId,
      extensionOrigin: `chrome-extension://${new URL(worker.url).host}`,
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}

export interface CdpPage {
  session: string;
  /** The session on the card frame, once the content script has made it and it has committed. */
  cardFrame(): Promise<string | undefined>;
  close(): Promise<void>;
}

/** Opens `url` in a new tab and waits for its load event. */
export async function openCdpPage(browser: CdpBrowser, url: string): Promise<CdpPage> {
  const { connection, extensionOrigin } = browser;
  const { targetId } = await connection.send<{ targetId: string }>('Target.createTarget', { url: 'about:blank' });
  const { sessionId } = await connection.send<{ sessionId: string }>('Target.attachToTarget', {
    targetId,
    flatten: true,
  });
  // Out-of-process frames of the page, attached as they appear: which one is the card is read
  // from its address once it has committed (at attach time it may have none yet).
  const frames = new Set<string>();
  let card: string | undefined;
  const stop = connection.on((event) => {
    if (event.sessionId !== sessionId || !event.params) return;
    if (event.method === 'Target.attachedToTarget' && (event.params.targetInfo as TargetInfo).type === 'iframe') {
      frames.add(event.params.sessionId as string);
    } else if (event.method === 'Target.detachedFromTarget') {
      frames.delete(event.params.sessionId as string);
      if (event.params.sessionId === card) card = undefined;
    }
  });
  const cardFrame = async (): Promise<string | undefined> => {
    if (card) return card;
    for (const frame of frames) {
      const href = await evaluate<string>(connection, frame, 'location.href').catch(() => '');
      if (href.startsWith(`${extensionOrigin}/card.html`)) return (card = frame);
    }
    return undefined;
  };
  await connection.send('Page.enable', {}, sessionId);
  // The page's own frames are attached as they appear, and never held for it.
  await connection.send(
    'Target.setAutoAttach',
    { autoAttach: true, waitForDebuggerOnStart: false, flatten: true },
    sessionId,
  );
  const loaded = new Promise<void>((resolve) => {
    const off = connection.on((event) => {
      if (event.sessionId === sessionId && event.method === 'Page.loadEventFired') {
        off();
        resolve();
      }
    });
  });
  await connection.send('Page.navigate', { url }, sessionId);
  await loaded;
  return {
    session: sessionId,
    cardFrame,
    close: async () => {
      stop();
      await connection.send('Target.closeTarget', { targetId }).catch(() => undefined);
    },
  };
}

/** A real (CDP input) left-button drag from one point to another, in four moves. */
export async function cdpDrag(
  connection: CdpConnection,
  session: string,
  from: { x: number; y: number },
  to: { x: number; y: number },
): Promise<void> {
  const mouse = (params: object): Promise<unknown> => connection.send('Input.dispatchMouseEvent', params, session);
  await mouse({ type: 'mouseMoved', x: from.x, y: from.y });
  await mouse({ type: 'mousePressed', x: from.x, y: from.y, button: 'left', buttons: 1, clickCount: 1 });
  for (let step = 1; step <= 4; step += 1) {
    const x = from.x + ((to.x - from.x) * step) / 4;
    const y = from.y + ((to.y - from.y) * step) / 4;
    await mouse({ type: 'mouseMoved', x, y, button: 'left', buttons: 1 });
  }
  await mouse({ type: 'mouseReleased', x: to.x, y: to.y, button: 'left', buttons: 0, clickCount: 1 });
}

export async function cdpClick(
  connection: CdpConnection,
  session: string,
  at: { x: number; y: number },
): Promise<void> {
  await connection.send(
    'Input.dispatchMouseEvent',
    { type: 'mousePressed', x: at.x, y: at.y, button: 'left', buttons: 1, clickCount: 1 },
    session,
  );
  await connection.send(
    'Input.dispatchMouseEvent',
    { type: 'mouseReleased', x: at.x, y: at.y, button: 'left', buttons: 0, clickCount: 1 },
    session,
  );
}

export async function cdpPressEscape(connection: CdpConnection, session: string): Promise<void> {
  const key = { key: 'Escape', code: 'Escape', windowsVirtualKeyCode: 27, nativeVirtualKeyCode: 27 };
  await connection.send('Input.dispatchKeyEvent', { type: 'rawKeyDown', ...key }, session);
  await connection.send('Input.dispatchKeyEvent', { type: 'keyUp', ...key }, session);
}

/** The JS heap in use after a garbage collection, in the page or frame of that session. */
export async function cdpHeap(connection: CdpConnection, session: string): Promise<number> {
  await connection.send('HeapProfiler.collectGarbage', {}, session);
  return (await connection.send<{ usedSize: number }>('Runtime.getHeapUsage', {}, session)).usedSize;
}
