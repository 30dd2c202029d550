// The test controls over HTTP (/__control/*), for a server running in another process, e.g. the
// one the browser tests start. No auth, so they only answer loopback clients, addressed by a
// loopback host name, and refuse cross-site requests from ordinary web pages.
import type { IncomingMessage } from 'node:http';
import { parseFault, type Fault } from './faults.ts';
import { errorReply, jsonReply, parseJsonBody, readBody, singleHeader, type Reply } from './http-io.ts';

export interface ControlTarget {
  requests: readonly unknown[];
  clearRequests(): void;
  injectFault(fault: Fault, times?: number): void;
  setLatency(ms: number): void;
  reset(): void;
}

const LOOPBACK_ADDRESS = /^(?:127\.\d+\.\d+\.\d+|::1|::ffff:127\.\d+\.\d+\.\d+)$/;
const LOOPBACK_ORIGIN = /^http:\/\/(?:127\.0\.0\.1|localhost|\[::1\])(?::\d{1,5})?$/;

function isTrustedCaller(req: IncomingMessage, port: number): boolean {
  const remote = req.socket.remoteAddress ?? '';
  const host = singleHeader(req, 'host') ?? '';
  const origin = singleHeader(req, 'origin');
  const hostOk = [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`].includes(host.toLowerCase());
  return LOOPBACK_ADDRESS.test(remote) && hostOk && (origin === null || LOOPBACK_ORIGIN.test(origin));
}

async function jsonBody(
  req: IncomingMessage,
): Promise<{ ok: true; value: Record<string, unknown> } | { ok: false; reply: Reply }> {
  const body = await readBody(req);
  if (!body.ok) return { ok: false, reply: errorReply(413) };
  const parsed = parseJsonBody(body.bytes);
  if (!parsed.ok) return { ok: false, reply: errorReply(400, parsed.message) };
  if (typeof parsed.value !== 'object' || parsed.value === null || Array.isArray(parsed.value)) {
    return { ok: false, reply: errorReply(400, 'The request body must be a JSON object.') };
  }
  return { ok: true, value: parsed.value as Record<string, unknown> };
}

export async function handleControl(
  req: IncomingMessage,
  path: string,
  port: number,
  target: ControlTarget,
): Promise<Reply> {
  if (!isTrustedCaller(req, port)) {
    req.resume();
    return errorReply(403, 'Control endpoints answer loopback clients only.');
  }
  const method = req.method ?? '';
  const route = `${method} ${path}`;
  switch (route) {
    case 'GET /__control/requests':
      req.resume();
      return jsonReply(200, { requests: target.requests });
    case 'DELETE /__control/requests':
      req.resume();
      target.clearRequests();
      return { status: 204 };
    case 'POST /__control/reset':
      req.resume();
      target.reset();
      return { status: 204 };
    case 'POST /__control/faults': {
      const body = await jsonBody(req);
      if (!body.ok) return body.reply;
      const fault = parseFault(body.value.fault);
      if (typeof fault === 'string') return errorReply(400, fault);
      const times = body.value.times ?? 1;
      if (typeof times !== 'number' || !Number.isInteger(times) || times < 1 || times > 10_000) {
        return errorReply(400, 'times must be an integer from 1 to 10000');
      }
      target.injectFault(fault, times);
      return { status: 204 };
    }
    case 'POST /__control/latency': {
      const body = await jsonBody(req);
      if (!body.ok) return body.reply;
      const ms = body.value.ms;
      if (typeof ms !== 'number' || !Number.isInteger(ms) || ms < 0 || ms > 600_000) {
        return errorReply(400, 'ms must be an integer from 0 to 600000');
      }
      target.setLatency(ms);
      return { status: 204 };
    }
    default: {
      req.resume();
      const known = ['/__control/requests', '/__control/reset', '/__control/faults', '/__control/latency'];
      return known.includes(path) ? errorReply(405) : errorReply(404, 'Unknown control endpoint.');
    }
  }
}
