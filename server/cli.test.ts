import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_CUSTOMER_ID, DEMO_TOKEN, OTHER_CUSTOMER_ID, OTHER_CUSTOMER_TOKEN } from './credentials.ts';
import { LEADS_PATH } from './mega-server.ts';
import { authHeaders } from './test-support.ts';

const CLI = fileURLToPath(new URL('./cli.ts', import.meta.url));
/**
 * A new Node process compiling the server with tsx and seeding its leads: 1-3 s on an idle
 * machine, past 10 s on one busy with two browsers besides.
 */
const START_TIMEOUT_MS = 30_000;
let child: ChildProcess | undefined;

afterEach(() => {
  if (child && child.exitCode === null) child.kill('SIGKILL');
});

function start(args: string[]): Promise<{ url: string; output: () => string }> {
  child = spawn(process.execPath, ['--import', 'tsx', CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no URL printed:\n${output}`)), START_TIMEOUT_MS);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve({ url: match[1]!, output: () => output });
      }
    };
    child!.stdout!.on('data', onData);
    child!.stderr!.on('data', onData);
    child!.on('exit', (code) => reject(new Error(`exited with ${code}:\n${output}`)));
  });
}

describe('npm run server', { timeout: START_TIMEOUT_MS + 15_000 }, () => {
  it('prints what the demo needs, serves the API and stops cleanly on SIGTERM', async () => {
    const { url, output } = await start(['--port', '0', '--latency', '20', '--quiet']);
    expect(output()).toContain(DEMO_CUSTOMER_ID);
    expect(output()).toContain(DEMO_TOKEN);
    // The second account, for trying a switch of accounts.
    expect(output()).toContain(OTHER_CUSTOMER_ID);
    expect(output()).toContain(OTHER_CUSTOMER_TOKEN);
    expect(output()).toContain(`${url}/pages/demo.html`);
    const started = performance.now();
    const response = await fetch(`${url}${LEADS_PATH}?search=jane`, { headers: authHeaders() });
    expect(performance.now() - started).toBeGreaterThanOrEqual(18);
    expect(response.status).toBe(200);
    const exited = new Promise<number | null>((resolve) => child!.on('exit', (code) => resolve(code)));
    child!.kill('SIGTERM');
    expect(await exited).toBe(0);
  });

  it('seeds as many leads as --leads asks for', async () => {
    const { url, output } = await start(['--port', '0', '--leads', '50000', '--quiet']);
    expect(output()).toMatch(/Leads: +50000\n/);
    const response = await fetch(`${url}${LEADS_PATH}?limit=1`, { headers: authHeaders() });
    expect(((await response.json()) as { total: number }).total).toBe(50_000);
  });

  it.each([
    ['--leads', '150'],
    ['--leads', 'many'],
  ])('rejects %s %s', async (...args) => {
    child = spawn(process.execPath, ['--import', 'tsx', CLI, '--port', '0', ...args], { stdio: 'ignore' });
    const code = await new Promise<number | null>((resolve) => child!.on('exit', (c) => resolve(c)));
    expect(code).toBe(2);
  });

  it('rejects a bad --port', async () => {
    child = spawn(process.execPath, ['--import', 'tsx', CLI, '--port', 'eighty'], { stdio: 'ignore' });
    const code = await new Promise<number | null>((resolve) => child!.on('exit', (c) => resolve(c)));
    expect(code).not.toBe(0);
  });
});
