export {
  CourierClient,
  bearer,
  organisationSigner,
  type ApiResponse,
  type Authenticator,
  type ClientOptions,
  type Input,
  type OperationId,
  type Output,
} from "./client.js";
export { isRetryable, newIdempotencyKey, withIdempotencyKey, type RetryOptions } from "./idempotency.js";
export { ProblemError, TransportError, type Problem } from "./problems.js";
export {
  canonicalQuery,
  canonicalRequest,
  encodeRfc3986,
  signRequest,
  signedHeaders,
  type SignedRequest,
} from "./signing.js";
export {
  fetchTransport,
  wxTransport,
  type Transport,
  type TransportRequest,
  type TransportResponse,
  type Wx,
  type WxRequestOptions,
} from "./transport.js";
export { verifyWebhook, webhookSignature, type VerifyOptions } from "./webhooks.js";
export type { components, operations, paths } from "./generated/schema.js";
