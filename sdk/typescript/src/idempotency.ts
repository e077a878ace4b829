// Idempotency-Key (docs/decisions.md): one key per intended request, the same key on every
// retry of it, so a retry after a lost answer replays the first answer instead of ordering twice.
import { randomHex } from "./crypto.js";
import { ProblemError, TransportError } from "./problems.js";

/**
 * A UUID v4. Keys are scoped to the caller and need only be unique, not secret: where there
 * is no Web Crypto (the mini-program), Math.random and the clock stand in for it.
 */
export function newIdempotencyKey(): string {
  const webCrypto = typeof globalThis.crypto?.getRandomValues === "function";
  const hex = (webCrypto ? randomHex(16) : weakRandomHex()).split("");
  hex[12] = "4";
  hex[16] = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  const text = hex.join("");
  return `${text.slice(0, 8)}-${text.slice(8, 12)}-${text.slice(12, 16)}-${text.slice(16, 20)}-${text.slice(20)}`;
}

function weakRandomHex(): string {
  let text = Date.now().toString(16).padStart(12, "0");
  while (text.length < 32) text += Math.floor(Math.random() * 16).toString(16);
  return text.slice(-32);
}

/** Worth sending again with the same key: no answer, the first still in flight, or a passing failure. */
export function isRetryable(error: unknown): boolean {
  if (error instanceof TransportError) return true;
  if (error instanceof ProblemError) {
    return error.code === "idempotency_key_in_flight" || [502, 503, 504].includes(error.status);
  }
  return false;
}

export interface RetryOptions {
  /** The key to use; a new one when left out. */
  key?: string;
  /** Tries in all, 4 by default. */
  attempts?: number;
  /** Wait before try n (1-based retries): 0.5 s, 1 s, 2 s ... by default. */
  delayMs?: (retry: number) => number;
  sleep?: (ms: number) => Promise<void>;
}

/**
 * Calls `send(key)` until it answers or fails for good, with the same key every time.
 * `send` signs each attempt anew (the client does), so retries never reuse a nonce.
 */
export async function withIdempotencyKey<T>(
  send: (key: string) => Promise<T>,
  options: RetryOptions = {},
): Promise<T> {
  const key = options.key ?? newIdempotencyKey();
  const attempts = options.attempts ?? 4;
  const delayMs = options.delayMs ?? ((retry: number) => 500 * 2 ** (retry - 1));
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((done) => setTimeout(done, ms)));
  for (let attempt = 1; ; attempt++) {
    try {
      return await send(key);
    } catch (error) {
      if (attempt >= attempts || !isRetryable(error)) throw error;
      await sleep(delayMs(attempt));
    }
  }
}
