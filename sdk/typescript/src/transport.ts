// The client's only contact with the network: one function from a request to an answer.
// `fetch` in Node and browsers; `wx.request` in the WeChat mini-program, which has no fetch.
import { TransportError } from "./problems.js";

export interface TransportRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: Uint8Array;
}

export interface TransportResponse {
  status: number;
  /** Names in lower case. */
  headers: Record<string, string>;
  body: Uint8Array;
}

export type Transport = (request: TransportRequest) => Promise<TransportResponse>;

function lowerCased(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]));
}

/** A copy of the bytes in an ArrayBuffer of their own (what XHR-like APIs take). */
function arrayBuffer(bytes: Uint8Array): ArrayBuffer {
  return bytes.slice().buffer as ArrayBuffer;
}

export function fetchTransport(fetchImpl: typeof fetch = globalThis.fetch): Transport {
  return async ({ method, url, headers, body }) => {
    let response: Response;
    try {
      response = await fetchImpl(url, { method, headers, body: body ? arrayBuffer(body) : undefined });
    } catch (error) {
      throw new TransportError(`${method} ${url} failed: ${String(error)}`, { cause: error });
    }
    const answer: Record<string, string> = {};
    response.headers.forEach((value, name) => {
      answer[name.toLowerCase()] = value;
    });
    return { status: response.status, headers: answer, body: new Uint8Array(await response.arrayBuffer()) };
  };
}

// --- wx.request (WeChat mini-program) --------------------------------------------------------

/** The part of wx.request's options this adapter uses. */
export interface WxRequestOptions {
  url: string;
  method: string;
  header: Record<string, string>;
  data?: ArrayBuffer;
  /** Bytes in, bytes out: the client decodes JSON itself, problem+json included. */
  responseType: "arraybuffer";
  dataType: string;
  timeout?: number;
  success(result: { statusCode: number; header: Record<string, string>; data: ArrayBuffer }): void;
  fail(error: { errMsg: string }): void;
}

export interface Wx {
  request(options: WxRequestOptions): unknown;
}

/** wx.request knows no PATCH (nor does the mini-program need one: edits are back office). */
const WX_METHODS = new Set(["OPTIONS", "GET", "HEAD", "POST", "PUT", "DELETE", "TRACE", "CONNECT"]);

export function wxTransport(wx: Wx, options: { timeoutMs?: number } = {}): Transport {
  return ({ method, url, headers, body }) =>
    new Promise((resolve, reject) => {
      if (!WX_METHODS.has(method)) {
        reject(new TransportError(`wx.request cannot send ${method}`));
        return;
      }
      wx.request({
        url,
        method,
        header: headers,
        data: body ? arrayBuffer(body) : undefined,
        responseType: "arraybuffer",
        dataType: "binary", // anything but "json": wx.request must not parse the answer
        timeout: options.timeoutMs,
        success: (result) =>
          resolve({
            status: result.statusCode,
            headers: lowerCased(result.header ?? {}),
            body: new Uint8Array(result.data ?? new ArrayBuffer(0)),
          }),
        fail: (error) => reject(new TransportError(`${method} ${url} failed: ${error.errMsg}`, { cause: error })),
      });
    });
}
