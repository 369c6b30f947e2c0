const B64URL = /^[A-Za-z0-9_-]*$/;

// Value of each base64url character, to check the unused trailing bits without re-encoding.
const VALUE = new Int8Array(128).fill(-1);
'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'
  .split('')
  .forEach((c, i) => (VALUE[c.charCodeAt(0)] = i));

/**
 * RFC 7515 §2 base64url: no padding, no whitespace, and canonical (the unused trailing bits are
 * zero), so one byte string has exactly one spelling. Returns undefined for anything else.
 */
export function decodeBase64url(text: string): Buffer | undefined {
  if (!B64URL.test(text)) return undefined;
  const rem = text.length % 4;
  if (rem === 1) return undefined;
  // 2 trailing chars carry 1 byte + 4 spare bits, 3 carry 2 bytes + 2 spare bits: spare bits are 0.
  if (rem !== 0 && (VALUE[text.charCodeAt(text.length - 1)] as number) & (rem === 2 ? 0x0f : 0x03)) {
    return undefined;
  }
  return Buffer.from(text, 'base64url');
}

export function encodeBase64url(bytes: Uint8Array | string): string {
  return Buffer.from(bytes as Uint8Array).toString('base64url');
}
