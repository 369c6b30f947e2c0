const B64URL = /^[A-Za-z0-9_-]*$/;

/**
 * RFC 7515 §2 base64url: no padding, no whitespace, and canonical (the unused trailing bits are
 * zero), so one byte string has exactly one spelling. Returns undefined for anything else.
 */
export function decodeBase64url(text: string): Buffer | undefined {
  if (!B64URL.test(text) || text.length % 4 === 1) return undefined;
  const bytes = Buffer.from(text, 'base64url');
  // Node ignores non-zero trailing bits; re-encoding exposes them.
  if (text.length % 4 !== 0 && bytes.toString('base64url') !== text) return undefined;
  return bytes;
}

export function encodeBase64url(bytes: Uint8Array | string): string {
  return Buffer.from(bytes as Uint8Array).toString('base64url');
}
