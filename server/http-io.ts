// Low-level request/response helpers that must hold up against hostile input: bodies are read
// with a size cap, query strings are decoded strictly, and writes to dead sockets are harmless.
import type { IncomingMessage, ServerResponse, OutgoingHttpHeaders } from 'node:http';
import { errorEnvelope } from './errors.ts';

export const MAX_BODY_BYTES = 100 * 1024;
// Past this many bytes an oversized body is no longer drained politely; the socket is dropped.
const DRAIN_LIMIT_BYTES = 8 * 1024 * 1024;

export type BodyResult = { ok: true; bytes: Buffer } | { ok: false; reason: 'too-large' | 'aborted' };

/** Reads the whole body, keeping at most `limit` bytes; an oversized body is drained, not kept. */
export function readBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<BodyResult> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const settle = (result: BodyResult): void => {
      if (!settled) {
        settled = true;
        resolve(result);
      }
    };
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
      else if (size > DRAIN_LIMIT_BYTES) {
        settle({ ok: false, reason: 'too-large' });
        req.socket.destroy();
      }
    });
    req.on('end', () =>
      settle(size > limit ? { ok: false, reason: 'too-large' } : { ok: true, bytes: Buffer.concat(chunks) }),
    );
    req.on('error', () => settle({ ok: false, reason: 'aborted' }));
    req.on('close', () => settle({ ok: false, reason: 'aborted' }));
  });
}

export type JsonResult = { ok: true; value: unknown } | { ok: false; message: string };

export function parseJsonBody(bytes: Buffer): JsonResult {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { ok: false, message: 'The request body must be UTF-8 encoded JSON.' };
  }
  if (text.trim() === '') return { ok: false, message: 'The request body is empty; send a JSON object.' };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false, message: 'The request body is not valid JSON.' };
  }
}

/** Splits a request target into path and raw query without trusting it to be well-formed. */
export function splitTarget(target: string): { path: string; rawQuery: string } {
  let rest = target;
  if (!rest.startsWith('/')) {
    // Absolute-form targets ("http://host/path") are legal HTTP; anything else gets no route.
    try {
      const url = new URL(rest);
      rest = url.pathname + url.search;
    } catch {
      return { path: '', rawQuery: '' };
    }
  }
  const q = rest.indexOf('?');
  return q === -1 ? { path: rest, rawQuery: '' } : { path: rest.slice(0, q), rawQuery: rest.slice(q + 1) };
}

/** URLSearchParams silently repairs bad escapes; this rejects them instead (null = malformed). */
export function parseQueryStrict(rawQuery: string): URLSearchParams | null {
  for (const part of rawQuery.split('&')) {
    if (/%(?![0-9a-fA-F]{2})/.test(part)) return null;
    try {
      decodeURIComponent(part.replace(/\+/g, ' '));
    } catch {
      return null; // escapes that are not valid UTF-8
    }
  }
  return new URLSearchParams(rawQuery);
}

/** Never throws: a best-effort view of the query for logging, even when it is malformed. */
export function queryRecord(rawQuery: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of new URLSearchParams(rawQuery)) out[key] = value;
  return out;
}

export interface Reply {
  status: number;
  headers?: OutgoingHttpHeaders;
  body?: string | Buffer;
}

export function jsonReply(status: number, value: unknown, headers: OutgoingHttpHeaders = {}): Reply {
  return {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
    body: JSON.stringify(value),
  };
}

export function errorReply(status: number, message?: string, headers: OutgoingHttpHeaders = {}): Reply {
  return jsonReply(status, errorEnvelope(status, message), headers);
}

export function send(res: ServerResponse, reply: Reply, extraHeaders: OutgoingHttpHeaders = {}): void {
  if (res.headersSent || res.destroyed || res.writableEnded) return;
  const headers = { 'cache-control': 'no-store', ...extraHeaders, ...reply.headers };
  if (reply.body !== undefined) headers['content-length'] = Buffer.byteLength(reply.body);
  res.writeHead(reply.status, headers);
  res.end(reply.body);
}

/** The value of a header that must appear once; repeated or absent gives null. */
export function singleHeader(req: IncomingMessage, name: string): string | null {
  const value = req.headers[name.toLowerCase()];
  return typeof value === 'string' ? value : null;
}
