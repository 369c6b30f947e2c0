// Conventions: how this API says what proofgate's checks need to know. Each is inferred from the
// contract, then overridden by the contract's `x-proofgate-conventions` extension, then by the
// config's `conformance.conventions`; the report prints what was used and where it came from.

export type ConventionSource = 'inferred' | 'x-proofgate-conventions' | 'config';

export interface ErrorModel {
  /** problem+json: RFC 9457; envelope: a custom JSON object (e.g. {"error":{"code"}}). */
  kind: 'problem+json' | 'envelope';
  /** JSON pointer (RFC 6901) to the stable identity of an error in its body: `/type`, `/error/code`. */
  identity: string;
}

export interface PaginationConvention {
  operationId: string;
  /**
   * token: a page token / cursor query parameter + a next member in the body; link: RFC 8288
   * `Link: <…>; rel="next"`; offset: a numeric offset + a page size, next offset = offset + items.
   */
  style: 'token' | 'link' | 'offset';
  /** The page token / cursor query parameter, or the offset parameter (style offset). */
  tokenParam: string;
  /** Body member holding the next token (style token). */
  nextField?: string;
  itemsField: string;
  limitParam?: string;
}

export interface SignatureConvention {
  /** detached-jws: RFC 7515 Appendix F in one header; rfc9421: HTTP Message Signatures (`Signature` + `Signature-Input`). */
  scheme: 'detached-jws' | 'rfc9421';
  /** The response header (lower-case) that carries the signature. */
  header: string;
  /** operationId of the JWKS (RFC 7517) the keys come from. */
  keySet?: string;
}

/** A request member that names another resource, filled with an id the service handed out. */
export interface Reference {
  // `path:customerId`, `body:/customer_id`, nested `body:/billing/customer_id`, `body:/lines/*/plan_id` (`*`: every item).
  at: string;
  /** The resource kind (component schema name) it refers to. */
  kind: string;
  /** The operation that creates that kind; absent when none does (ids then come from the seed hook). */
  createOperationId?: string;
}

export interface Conventions {
  errors?: ErrorModel;
  idempotencyHeader?: string;
  pagination: PaginationConvention[];
  signature?: SignatureConvention;
  references: Reference[];
  /** check id → why it does not apply to this service (configured or found). */
  notApplicable: Record<string, string>;
  /** convention name → where its value came from. */
  sources: Record<string, ConventionSource>;
}

/** `conformance.conventions` in proofgate.config.*, and the contract's `x-proofgate-conventions`. */
export interface ConventionsConfig {
  /** JSON pointer to an error's stable identity (`/type` for problem+json, `/error/code`, …). */
  errorIdentity?: string;
  errorModel?: 'problem+json' | 'envelope';
  /** Request header carrying the idempotency key (`Idempotency-Key`, `X-Idempotency-Key`, …); `none` for none. */
  idempotencyHeader?: string;
  pagination?: {
    style?: 'token' | 'link' | 'offset' | 'none';
    tokenParam?: string;
    /** Query parameter carrying the offset (style offset; inferred: `offset`, `skip`, `start`). */
    offsetParam?: string;
    nextField?: string;
    itemsField?: string;
    limitParam?: string;
  };
  signature?: { scheme: 'detached-jws' | 'rfc9421' | 'none'; header?: string; keySet?: string };
  /** `customer_id` (body member) or `customerId` (path parameter) → operationId that creates it. */
  references?: Record<string, string>;
  /** check id → reason: reported as "not applicable", never as passed. */
  notApplicable?: Record<string, string>;
}
