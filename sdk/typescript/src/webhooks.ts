// Webhook signatures (docs/notify.md):
//   X-Courier-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>
import { constantTimeEqual, hmacSha256Hex } from "./crypto.js";
import { utf8 } from "./text.js";

function bytes(body: string | Uint8Array): Uint8Array {
  return typeof body === "string" ? utf8(body) : body;
}

export async function webhookSignature(
  secret: string,
  timestamp: number,
  rawBody: string | Uint8Array,
): Promise<string> {
  const prefix = utf8(`${timestamp}.`);
  const body = bytes(rawBody);
  const signed = new Uint8Array(prefix.length + body.length);
  signed.set(prefix);
  signed.set(body, prefix.length);
  return `t=${timestamp},v1=${await hmacSha256Hex(secret, signed)}`;
}

export interface VerifyOptions {
  /** Oldest (and furthest ahead) signature accepted, in seconds; 300 by default. */
  toleranceS?: number;
  /** Unix seconds; the current time when left out. */
  now?: number;
}

/**
 * True when `header` (X-Courier-Signature) signs `rawBody` with `secret` and is recent.
 * Pass the body exactly as received: parsed and re-serialised JSON no longer matches.
 */
export async function verifyWebhook(
  secret: string,
  header: string,
  rawBody: string | Uint8Array,
  options: VerifyOptions = {},
): Promise<boolean> {
  const fields = new Map<string, string>();
  for (const part of header.split(",")) {
    const at = part.indexOf("=");
    if (at > 0) fields.set(part.slice(0, at).trim(), part.slice(at + 1).trim());
  }
  const stamp = fields.get("t") ?? "";
  if (!/^\d+$/.test(stamp)) return false;
  const timestamp = Number(stamp);
  const now = options.now ?? Date.now() / 1000;
  if (Math.abs(now - timestamp) > (options.toleranceS ?? 300)) return false;
  const expected = await webhookSignature(secret, timestamp, rawBody);
  return constantTimeEqual(expected, `t=${timestamp},v1=${fields.get("v1") ?? ""}`);
}
