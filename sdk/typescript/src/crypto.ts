// SHA-256 and HMAC-SHA256 through Web Crypto (Node >= 20 and browsers), lowercase hex.
import { utf8 } from "./text.js";

function subtle(): SubtleCrypto {
  const found = globalThis.crypto?.subtle;
  if (!found) throw new Error("Web Crypto (crypto.subtle) is needed to sign requests and verify webhooks");
  return found;
}

/** The bytes in an ArrayBuffer of their own, as Web Crypto's types ask. */
function own(data: Uint8Array): Uint8Array<ArrayBuffer> {
  return data.slice() as Uint8Array<ArrayBuffer>;
}

function hex(buffer: ArrayBuffer): string {
  return Array.from(new Uint8Array(buffer), (byte) => byte.toString(16).padStart(2, "0")).join("");
}

export async function sha256Hex(data: Uint8Array): Promise<string> {
  return hex(await subtle().digest("SHA-256", own(data)));
}

export async function hmacSha256Hex(secret: string, data: Uint8Array): Promise<string> {
  const key = await subtle().importKey("raw", own(utf8(secret)), { name: "HMAC", hash: "SHA-256" }, false, [
    "sign",
  ]);
  return hex(await subtle().sign("HMAC", key, own(data)));
}

/** Compares two strings in time that depends only on their lengths. */
export function constantTimeEqual(a: string, b: string): boolean {
  let diff = a.length ^ b.length;
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    diff |= (a.charCodeAt(i) || 0) ^ (b.charCodeAt(i) || 0);
  }
  return diff === 0;
}

/** Random lowercase hex of `bytes` bytes (crypto.getRandomValues). */
export function randomHex(bytes: number): string {
  const values = new Uint8Array(bytes);
  globalThis.crypto.getRandomValues(values);
  return Array.from(values, (byte) => byte.toString(16).padStart(2, "0")).join("");
}
