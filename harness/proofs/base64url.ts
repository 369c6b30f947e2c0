const B64URL = /^[A-Za-z0-9_-]*$/;

// Value of each base64url character (-1: not in the alphabet), indexed by char code or byte.
const VALUE = new Int8Array(256).fill(-1);
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

/**
 * `decodeBase64url` of the ASCII text in `bytes[start, end)`, decoded in place of a string: the
 * verifier's hot path reads records as bytes. Same rules, same results (tested against it).
 * `scratch`, when it has exactly the decoded length, is written into and returned instead of a new
 * buffer (the caller must be done with its previous contents).
 */
export function decodeBase64urlBytes(
  bytes: Uint8Array,
  start: number,
  end: number,
  scratch?: Buffer,
): Buffer | undefined {
  const len = end - start;
  const rem = len % 4;
  if (len < 0 || rem === 1) return undefined;
  const size = ((len - rem) / 4) * 3 + (rem === 0 ? 0 : rem - 1);
  const out = scratch !== undefined && scratch.length === size ? scratch : Buffer.allocUnsafe(size);
  const V = VALUE; // a local: the loop then reads no module state
  let o = 0;
  let i = start;
  for (const full = end - rem; i < full; i += 4) {
    const a = V[bytes[i] as number] as number;
    const b = V[bytes[i + 1] as number] as number;
    const c = V[bytes[i + 2] as number] as number;
    const d = V[bytes[i + 3] as number] as number;
    if ((a | b | c | d) < 0) return undefined;
    const n = (a << 18) | (b << 12) | (c << 6) | d;
    out[o++] = n >>> 16;
    out[o++] = (n >>> 8) & 0xff;
    out[o++] = n & 0xff;
  }
  if (rem === 2) {
    const a = VALUE[bytes[i] as number] as number;
    const b = VALUE[bytes[i + 1] as number] as number;
    if ((a | b) < 0 || b & 0x0f) return undefined;
    out[o] = (a << 2) | (b >>> 4);
  } else if (rem === 3) {
    const a = VALUE[bytes[i] as number] as number;
    const b = VALUE[bytes[i + 1] as number] as number;
    const c = VALUE[bytes[i + 2] as number] as number;
    if ((a | b | c) < 0 || c & 0x03) return undefined;
    out[o++] = (a << 2) | (b >>> 4);
    out[o] = ((b & 0x0f) << 4) | (c >>> 2);
  }
  return out;
}

export function encodeBase64url(bytes: Uint8Array | string): string {
  return Buffer.from(bytes as Uint8Array).toString('base64url');
}
