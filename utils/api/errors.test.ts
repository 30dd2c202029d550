import { describe, expect, it } from 'vitest';
import { API_ERROR_KINDS, apiFailureSchema, describeFailure, failureText, MegaApiError, toApiFailure } from './errors';

describe('MegaApiError', () => {
  it.each(API_ERROR_KINDS)('has a user-facing message for %s', (kind) => {
    const error = new MegaApiError(kind);
    expect(error.message).toBe(describeFailure(kind));
    expect(error.message).toMatch(/^[A-Z].*\.$/);
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('MegaApiError');
  });

  it('says when to retry after a rate limit', () => {
    expect(new MegaApiError('rate_limited', { retryAfterSeconds: 1 }).message).toContain('1 second.');
    expect(new MegaApiError('rate_limited', { retryAfterSeconds: 45 }).message).toContain('45 seconds');
    expect(new MegaApiError('rate_limited', { retryAfterSeconds: 3000 }).message).toContain('50 minutes');
  });

  it('names the field of a contract failure', () => {
    const error = new MegaApiError('contract', { field: 'leads.3.id' });
    expect(error.message).toContain('leads.3.id');
    expect(error.field).toBe('leads.3.id');
  });
});

describe('toApiFailure', () => {
  it('keeps every detail of a MegaApiError, in a form JSON keeps intact', () => {
    const error = new MegaApiError('rate_limited', { status: 429, retryAfterSeconds: 5, serverMessage: 'Slow down' });
    const failure = toApiFailure(error);
    expect(failure).toEqual({
      kind: 'rate_limited',
      status: 429,
      retryAfterSeconds: 5,
      serverMessage: 'Slow down',
    });
    expect(JSON.parse(JSON.stringify(error))).toEqual(failure);
    expect(apiFailureSchema.parse(JSON.parse(JSON.stringify(failure)))).toEqual(failure);
  });

  it.each([
    ['an Error holding a secret', new Error('Bearer mega_0123456789abcdef leaked')],
    ['a string', 'Authorization: Bearer mega_0123456789abcdef'],
    ['null', null],
    ['an object', { token: 'mega_0123456789abcdef' }],
  ])('turns %s into a generic failure that leaks nothing', (_name, thrown) => {
    const failure = toApiFailure(thrown);
    expect(failure).toEqual({ kind: 'unknown' });
    expect(failureText(failure)).toBe(describeFailure('unknown'));
    expect(JSON.stringify(failure)).not.toContain('mega_');
  });

  it('reports a cancellation as such', () => {
    const failure = toApiFailure(new DOMException('This operation was aborted', 'AbortError'));
    expect(failure.kind).toBe('unknown');
    expect(failureText(failure)).toBe('The request was cancelled.');
  });

  it('passes on a failure that is already plain, dropping unknown keys', () => {
    const plain = { kind: 'network', status: 502, extra: 'x' };
    expect(toApiFailure(plain)).toEqual({ kind: 'network', status: 502 });
  });
});

describe('failureText', () => {
  it('is what the MegaApiError itself says, so a page and a log line agree', () => {
    const error = new MegaApiError('contract', { reason: 'too-large', maxMegabytes: 2 });
    expect(failureText(toApiFailure(error))).toBe(error.message);
    expect(error.message).toBe('MEGA sent an answer larger than 2 MB, so it was not read.');
  });

  it.each([
    [{ kind: 'unauthenticated', reason: 'not-connected' }, /connect/i],
    [{ kind: 'bad_request', reason: 'base-url', baseUrlProblem: 'http' }, /https/],
    [{ kind: 'forbidden', reason: 'create-turned-off' }, /turned off/i],
  ] as const)('words %j', (failure, words) => {
    expect(failureText(failure)).toMatch(words);
  });
});
