// Waiting on conditions instead of sleeping: every wait in the suites goes through here or through
// a driver's own auto-waiting locator, with the same timeout.

/** How long one step may take before the case fails (a lookup against the local server is fast). */
export const STEP_TIMEOUT_MS = 10_000;

const POLL_INTERVAL_MS = 100;

export interface WaitOptions {
  /** Words for the error: "Timed out after 10 s waiting for <what>". */
  what: string;
  timeout?: number;
}

/**
 * Calls `probe` until it returns something other than `undefined`, `null` or `false`, and returns
 * that. A probe that throws counts as "not yet"; its last error is quoted if time runs out.
 */
export async function waitUntil<T>(
  probe: () => Promise<T | undefined | null | false> | T | undefined | null | false,
  { what, timeout = STEP_TIMEOUT_MS }: WaitOptions,
): Promise<T> {
  const deadline = Date.now() + timeout;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined && value !== null && value !== false) return value;
      lastError = undefined;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() >= deadline) {
      const cause = lastError instanceof Error ? ` (last error: ${lastError.message.split('\n')[0]})` : '';
      throw new Error(`Timed out after ${Math.round(timeout / 1000)} s waiting for ${what}${cause}`);
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_INTERVAL_MS));
  }
}

/** Whether `text` contains `expected` (a plain string is matched as it is written). */
export function textMatches(text: string, expected: string | RegExp): boolean {
  return typeof expected === 'string' ? text.includes(expected) : expected.test(text);
}

/**
 * Waits until the text that `readText` returns matches `expected`; returns the matching line (or
 * the whole text when the match spans lines).
 */
export function waitForText(
  readText: () => Promise<string>,
  expected: string | RegExp,
  where: string,
): Promise<string> {
  return waitUntil(
    async () => {
      const text = await readText();
      if (!textMatches(text, expected)) return undefined;
      const lines = text.split('\n').map((line) => line.trim());
      return lines.find((line) => textMatches(line, expected)) ?? text;
    },
    { what: `the text ${String(expected)} ${where}` },
  );
}
