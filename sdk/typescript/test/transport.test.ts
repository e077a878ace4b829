// The wx.request adapter against a stand-in of wx.request, and typed problems.
import assert from "node:assert/strict";
import { test } from "node:test";

import {
  bearer,
  CourierClient,
  fetchTransport,
  newIdempotencyKey,
  ProblemError,
  TransportError,
  wxTransport,
} from "../src/index.js";
import type { WxRequestOptions } from "../src/index.js";

/** Behaves as wx.request does: options in, success or fail called back later. */
function standIn(answer: (options: WxRequestOptions) => Parameters<WxRequestOptions["success"]>[0] | string) {
  const calls: WxRequestOptions[] = [];
  const wx = {
    request(options: WxRequestOptions) {
      calls.push(options);
      setTimeout(() => {
        const result = answer(options);
        if (typeof result === "string") options.fail({ errMsg: result });
        else options.success(result);
      }, 0);
      return { abort() {} };
    },
  };
  return { wx, calls };
}

const buffer = (text: string) => new TextEncoder().encode(text).buffer as ArrayBuffer;

test("wx.request: the request goes out as bytes and the JSON answer comes back typed", async () => {
  const { wx, calls } = standIn(() => ({
    statusCode: 201,
    header: { "Content-Type": "application/json", "Idempotent-Replayed": "true" },
    data: buffer('{"id":"pku_1","state":"open"}'),
  }));
  const client = new CourierClient({ baseUrl: "https://api.test", transport: wxTransport(wx), auth: bearer("tok") });
  const made = await client.call("createPickup", {
    headers: { "Idempotency-Key": "k-1" },
    body: { quote_id: "quo_1" },
  });
  assert.equal(made.status, 201);
  assert.equal(made.data.id, "pku_1");
  assert.equal(made.replayed, true);
  const sent = calls[0]!;
  assert.equal(sent.url, "https://api.test/v1/pickups");
  assert.equal(sent.method, "POST");
  assert.equal(sent.responseType, "arraybuffer");
  assert.notEqual(sent.dataType, "json");
  assert.equal(sent.header["Authorization"], "Bearer tok");
  assert.equal(sent.header["Idempotency-Key"], "k-1");
  assert.equal(sent.header["Content-Type"], "application/json");
  assert.equal(new TextDecoder().decode(sent.data), '{"quote_id":"quo_1"}');
});

test("wx.request: a problem+json answer is a ProblemError with its code", async () => {
  const { wx } = standIn(() => ({
    statusCode: 404,
    header: { "content-type": "application/problem+json" },
    data: buffer('{"type":"about:blank","title":"Not found","status":404,"code":"pickup_not_found","detail":"No such pickup.","request_id":"r-9"}'),
  }));
  const client = new CourierClient({ baseUrl: "https://api.test", transport: wxTransport(wx) });
  await assert.rejects(client.call("getPickup", { path: { pickup_id: "pku_x" } }), (error) => {
    assert.ok(error instanceof ProblemError);
    assert.equal(error.status, 404);
    assert.equal(error.code, "pickup_not_found");
    assert.equal(error.requestId, "r-9");
    return true;
  });
});

test("wx.request: a failed call is a TransportError; PATCH, which wx lacks, is refused", async () => {
  const { wx, calls } = standIn(() => "request:fail timeout");
  const client = new CourierClient({ baseUrl: "https://api.test", transport: wxTransport(wx) });
  await assert.rejects(client.call("listProducts"), TransportError);
  await assert.rejects(
    client.call("updateStation", { path: { station_id: "stn_1" }, body: {}, extraHeaders: { "If-Match": "x" } } as never),
    /cannot send PATCH/,
  );
  assert.equal(calls.length, 1);
});

test("a non-problem error page still becomes a ProblemError", async () => {
  const { wx } = standIn(() => ({ statusCode: 502, header: { "content-type": "text/html" }, data: buffer("<h1>Bad gateway</h1>") }));
  const client = new CourierClient({ baseUrl: "https://api.test", transport: wxTransport(wx) });
  await assert.rejects(client.call("listProducts"), (error) => {
    assert.ok(error instanceof ProblemError);
    assert.equal(error.status, 502);
    assert.equal(error.code, "unexpected_response");
    return true;
  });
});

test("fetch: bytes out, headers lower-cased, a PDF answer as bytes and a 204 as nothing", async () => {
  const seen: Array<{ url: string; init: RequestInit | undefined }> = [];
  const answers = [
    new Response(new Uint8Array([0x25, 0x50, 0x44, 0x46]), { status: 200, headers: { "Content-Type": "application/pdf" } }),
    new Response(null, { status: 204, headers: { "Content-Type": "application/json" } }),
  ];
  const fakeFetch = (async (url: string, init?: RequestInit) => {
    seen.push({ url, init });
    return answers.shift()!;
  }) as typeof fetch;
  const client = new CourierClient({ baseUrl: "https://api.test", transport: fetchTransport(fakeFetch), auth: bearer("tok") });
  const slip = await client.call("getHospitalDeliverySlip", { path: { delivery_id: "hd 1/2" } });
  assert.deepEqual(slip.data, new Uint8Array([0x25, 0x50, 0x44, 0x46]));
  assert.equal(slip.headers["content-type"], "application/pdf");
  assert.equal(seen[0]!.url, "https://api.test/v1/hospital/deliveries/hd%201%2F2/slip.pdf");
  const gone = await client.call("deleteWebhookEndpoint", { path: { endpoint_id: "whe_1" } });
  assert.equal(gone.status, 204);
  assert.equal(gone.data, undefined);
  assert.equal(seen[1]!.init?.method, "DELETE");
});

test("fetch: a network failure is a TransportError", async () => {
  const down = (async () => {
    throw new TypeError("fetch failed");
  }) as typeof fetch;
  const client = new CourierClient({ baseUrl: "https://api.test", transport: fetchTransport(down) });
  await assert.rejects(client.call("listProducts"), TransportError);
});

test("without Web Crypto, as in the mini-program, idempotency keys are still UUIDs and differ", () => {
  const crypto = Object.getOwnPropertyDescriptor(globalThis, "crypto")!;
  Object.defineProperty(globalThis, "crypto", { value: undefined, configurable: true });
  try {
    const keys = new Set(Array.from({ length: 50 }, () => newIdempotencyKey()));
    assert.equal(keys.size, 50);
    for (const key of keys) assert.match(key, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  } finally {
    Object.defineProperty(globalThis, "crypto", crypto);
  }
});

test("without TextEncoder and TextDecoder, as in older mini-program base libraries, text goes both ways", async () => {
  const { wx, calls } = standIn((options) => ({
    statusCode: 201,
    header: { "content-type": "application/json" },
    data: options.data!, // the body echoed back
  }));
  const saved = { TextEncoder: globalThis.TextEncoder, TextDecoder: globalThis.TextDecoder };
  Object.assign(globalThis, { TextEncoder: undefined, TextDecoder: undefined });
  try {
    const client = new CourierClient({ baseUrl: "https://api.test", transport: wxTransport(wx) });
    const echoed = await client.call("loginWithWechat", { body: { code: "张三 😀 ok" } });
    assert.deepEqual(echoed.data, { code: "张三 😀 ok" });
  } finally {
    Object.assign(globalThis, saved);
  }
  assert.deepEqual(
    Array.from(new Uint8Array(calls[0]!.data!)),
    Array.from(new TextEncoder().encode('{"code":"张三 😀 ok"}')),
  );
});
