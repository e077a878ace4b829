// Request signing for organisation API clients (docs/identity.md; courier_api/signing.py):
//   canonical   = METHOD \n PATH \n QUERY \n TIMESTAMP \n NONCE \n hex(SHA-256(body))
//   X-Signature = hex(HMAC-SHA256(secret, canonical))
// QUERY: parameters sorted by name, then value; each percent-encoded per RFC 3986.
import { hmacSha256Hex, randomHex, sha256Hex } from "./crypto.js";
import { utf8 } from "./text.js";

/**
 * RFC 3986 percent-encoding: only A-Z a-z 0-9 - _ . ~ stay as they are.
 * encodeURIComponent also keeps ' ( ) * !, which the server encodes: a signature over
 * a value holding one of them would not match without the replace.
 */
export function encodeRfc3986(value: string): string {
  return encodeURIComponent(value).replace(
    /['()*!]/g,
    (c) => "%" + c.charCodeAt(0).toString(16).toUpperCase(),
  );
}

export type QueryPairs = ReadonlyArray<readonly [string, string]>;

/** (name, value) pairs of a query string, decoded as the server decodes them ('+' is a space). */
export function parseQuery(query: string): Array<[string, string]> {
  const decode = (part: string) => decodeURIComponent(part.replace(/\+/g, " "));
  return query
    .split("&")
    .filter((part) => part !== "")
    .map((part) => {
      const at = part.indexOf("=");
      return at < 0 ? [decode(part), ""] : [decode(part.slice(0, at)), decode(part.slice(at + 1))];
    });
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Sorted, RFC 3986-encoded `k=v&k=v` of a query string or of (name, value) pairs. */
export function canonicalQuery(query: string | QueryPairs): string {
  const pairs = typeof query === "string" ? parseQuery(query) : query;
  return pairs
    .map(([name, value]) => [encodeRfc3986(name), encodeRfc3986(value)] as const)
    .sort((a, b) => compare(a[0], b[0]) || compare(a[1], b[1]))
    .map(([name, value]) => `${name}=${value}`)
    .join("&");
}

export interface SignedRequest {
  method: string;
  /** The path as the server sees it: percent-decoded, without the query. */
  path: string;
  /** The query string as sent (without '?'), or (name, value) pairs. */
  query: string | QueryPairs;
  body: Uint8Array;
}

export async function canonicalRequest(
  request: SignedRequest,
  timestamp: number | string,
  nonce: string,
): Promise<string> {
  return [
    request.method.toUpperCase(),
    request.path,
    canonicalQuery(request.query),
    String(timestamp),
    nonce,
    await sha256Hex(request.body),
  ].join("\n");
}

export async function signRequest(
  secret: string,
  request: SignedRequest,
  timestamp: number | string,
  nonce: string,
): Promise<string> {
  return hmacSha256Hex(secret, utf8(await canonicalRequest(request, timestamp, nonce)));
}

export interface SigningOptions {
  /** Unix seconds; the current time when left out. */
  timestamp?: number;
  /** 16-64 characters, never used before; 32 random hex characters when left out. */
  nonce?: string;
}

/** The four headers of one signed request. Sign every attempt anew: a nonce is single-use. */
export async function signedHeaders(
  keyId: string,
  secret: string,
  request: SignedRequest,
  options: SigningOptions = {},
): Promise<Record<string, string>> {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const nonce = options.nonce ?? randomHex(16);
  return {
    "X-Client-Key": keyId,
    "X-Timestamp": String(timestamp),
    "X-Nonce": nonce,
    "X-Signature": await signRequest(secret, request, timestamp, nonce),
  };
}
