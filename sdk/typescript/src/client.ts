// The client: every operation of the contract by its operationId, its parameters, body and
// answer typed from the generated schema, sent through a pluggable transport.
import type { operations } from "./generated/schema.js";
import { routes, type CalledOperation } from "./generated/routes.js";
import { fromUtf8, utf8 } from "./text.js";
import { problemFrom } from "./problems.js";
import { encodeRfc3986, signedHeaders, type SignedRequest } from "./signing.js";
import { fetchTransport, type Transport } from "./transport.js";

export type OperationId = CalledOperation;
type Operation<K extends OperationId> = operations[K];

// --- what a call takes, read from the operation's types ---------------------------------------

type ParametersOf<O> = O extends { parameters: infer P } ? P : unknown;

/** A parameter group: required, optional or absent, as the spec says. */
type Slot<P, In extends string, As extends string> = P extends { [k in In]: infer X }
  ? { [a in As]: X }
  : P extends { [k in In]?: infer X }
    ? [Exclude<X, undefined>] extends [never]
      ? unknown
      : { [a in As]?: Exclude<X, undefined> }
    : unknown;

type ContentOf<C> = C extends { "application/json": infer J } ? J : Uint8Array | string;

type BodySlot<O> = O extends { requestBody: { content: infer C } }
  ? { body: ContentOf<C> }
  : O extends { requestBody?: never }
    ? unknown
    : O extends { requestBody?: { content: infer C } }
      ? { body?: ContentOf<C> }
      : unknown;

export type Input<K extends OperationId> = Slot<ParametersOf<Operation<K>>, "path", "path"> &
  Slot<ParametersOf<Operation<K>>, "query", "query"> &
  Slot<ParametersOf<Operation<K>>, "header", "headers"> &
  BodySlot<Operation<K>> & {
    /** Headers the spec does not list (Content-Type of a raw body, If-Match on some edits). */
    extraHeaders?: Record<string, string>;
  };

// --- what it answers ---------------------------------------------------------------------------

type ResponsesOf<O> = O extends { responses: infer R } ? R : never;
type SuccessOf<O> = ResponsesOf<O>[Extract<keyof ResponsesOf<O>, 200 | 201 | 202 | 204>];
type DataOf<R> = R extends { content: { "application/json": infer J } }
  ? J
  : R extends { content: object }
    ? Uint8Array
    : undefined;

export type Output<K extends OperationId> = DataOf<SuccessOf<Operation<K>>>;

export interface ApiResponse<T> {
  status: number;
  /** Names in lower case. */
  headers: Record<string, string>;
  data: T;
  /** True when the server answered a repeated Idempotency-Key from its stored answer. */
  replayed: boolean;
}

// --- authentication ----------------------------------------------------------------------------

/** Headers that authenticate one request, computed for each attempt. */
export type Authenticator = (request: SignedRequest) => Promise<Record<string, string>>;

/** A bearer token (couriers, staff, citizens); a function when the token is refreshed. */
export function bearer(token: string | (() => string | Promise<string>)): Authenticator {
  return async () => ({
    Authorization: `Bearer ${typeof token === "function" ? await token() : token}`,
  });
}

/** HMAC signing of organisation API clients (kiosks, window terminals, case systems). */
export function organisationSigner(keyId: string, secret: string): Authenticator {
  return (request) => signedHeaders(keyId, secret, request);
}

// --- the client ----------------------------------------------------------------------------------

export interface ClientOptions {
  /** e.g. `https://api.courier.example` (no trailing slash needed). */
  baseUrl: string;
  transport?: Transport;
  auth?: Authenticator;
}

type Args<K extends OperationId> = {} extends Input<K> ? [input?: Input<K>] : [input: Input<K>];

type QueryValue = string | number | boolean | null | undefined | ReadonlyArray<string | number | boolean>;

function queryPairs(query: Record<string, QueryValue> | undefined): Array<[string, string]> {
  const pairs: Array<[string, string]> = [];
  for (const [name, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === null) continue;
    for (const one of Array.isArray(value) ? value : [value]) pairs.push([name, String(one)]);
  }
  return pairs;
}

interface LooseInput {
  path?: Record<string, string | number>;
  query?: Record<string, QueryValue>;
  headers?: Record<string, string>;
  body?: unknown;
  extraHeaders?: Record<string, string>;
}

export class CourierClient {
  private readonly baseUrl: string;
  private readonly transport: Transport;
  private readonly auth?: Authenticator;

  constructor(options: ClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, "");
    this.transport = options.transport ?? fetchTransport();
    this.auth = options.auth;
  }

  /** The same client acting as someone else (e.g. after a login). */
  withAuth(auth: Authenticator): CourierClient {
    return new CourierClient({ baseUrl: this.baseUrl, transport: this.transport, auth });
  }

  /** Calls one operation; a non-2xx answer throws a ProblemError, no answer a TransportError. */
  async call<K extends OperationId>(operation: K, ...args: Args<K>): Promise<ApiResponse<Output<K>>> {
    const input = (args[0] ?? {}) as LooseInput;
    const route = routes[operation];
    const params = input.path ?? {};
    const fill = (encode: (value: string) => string) =>
      route.path.replace(/\{(\w+)\}/g, (_, name: string) => encode(String(params[name])));
    const pairs = queryPairs(input.query);
    const query = pairs.map(([k, v]) => `${encodeRfc3986(k)}=${encodeRfc3986(v)}`).join("&");
    const headers: Record<string, string> = { ...input.extraHeaders, ...input.headers };
    let body: Uint8Array | undefined;
    if (input.body instanceof Uint8Array) body = input.body;
    else if (typeof input.body === "string") body = utf8(input.body);
    else if (input.body !== undefined) {
      body = utf8(JSON.stringify(input.body));
      headers["Content-Type"] = "application/json";
    }
    if (this.auth) {
      // The server signs over the decoded path: sign the values, send them encoded.
      const signed = { method: route.method, path: fill((v) => v), query, body: body ?? new Uint8Array() };
      Object.assign(headers, await this.auth(signed));
    }
    const url = `${this.baseUrl}${fill(encodeRfc3986)}${query ? `?${query}` : ""}`;
    const answer = await this.transport({ method: route.method, url, headers, body });
    const contentType = answer.headers["content-type"] ?? "";
    if (answer.status >= 400) {
      throw problemFrom(answer.status, contentType, fromUtf8(answer.body));
    }
    const data = !answer.body.length
      ? undefined // 204, or an empty body whatever its declared type
      : contentType.startsWith("application/json")
        ? JSON.parse(fromUtf8(answer.body))
        : answer.body;
    return {
      status: answer.status,
      headers: answer.headers,
      data: data as Output<K>,
      replayed: answer.headers["idempotent-replayed"] === "true",
    };
  }
}
