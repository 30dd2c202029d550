// Remembers the answer given for each Idempotency-Key so a retried POST replays it instead of
// creating a second lead, and a key reused for a different body is caught (409).
import { createHash } from 'node:crypto';

export interface StoredAnswer {
  fingerprint: string;
  status: number;
  body: unknown;
}

export type IdempotencyCheck = { kind: 'new' } | { kind: 'replay'; answer: StoredAnswer } | { kind: 'conflict' };

/** The endpoint is part of what a key stands for: a key is for one request, not one body. */
export function fingerprintRequest(path: string, bytes: Buffer): string {
  return createHash('sha256').update(path).update('\n').update(bytes).digest('hex');
}

export class IdempotencyStore {
  private readonly answers = new Map<string, StoredAnswer>();

  // Keys are scoped per customer: two customers may pick the same key independently.
  check(customerId: string, key: string, fingerprint: string): IdempotencyCheck {
    const answer = this.answers.get(`${customerId}\n${key}`);
    if (!answer) return { kind: 'new' };
    return answer.fingerprint === fingerprint ? { kind: 'replay', answer } : { kind: 'conflict' };
  }

  remember(customerId: string, key: string, answer: StoredAnswer): void {
    this.answers.set(`${customerId}\n${key}`, answer);
  }

  clear(): void {
    this.answers.clear();
  }
}
