import { createRequire } from 'node:module';

/** The libsodium call proofgate uses (sodium-native's signature for it). */
export type SodiumVerifyDetached = (
  signature: Uint8Array,
  message: Uint8Array,
  publicKey: Uint8Array,
) => boolean;

/** Which Ed25519 implementation runs first: libsodium (sodium-native) or node:crypto alone. */
export interface Ed25519Engine {
  name: 'libsodium' | 'node:crypto';
  /** e.g. `sodium-native 5.1.0`; for node:crypto the OpenSSL version. */
  version: string;
  /** Why libsodium is not used (only for node:crypto). */
  reason?: string;
  /** The fast path, when loaded. */
  verifyDetached?: SodiumVerifyDetached;
}

let engine: Ed25519Engine | undefined;

/**
 * sodium-native is an optional dependency (prebuilt binaries inside the npm package, no build
 * step): loaded once per thread on first use; where it is missing or fails to load, node:crypto
 * verifies alone with the same outcomes. Never throws.
 */
export function ed25519Engine(): Ed25519Engine {
  if (engine !== undefined) return engine;
  const openssl = { name: 'node:crypto', version: `OpenSSL ${process.versions.openssl}` } as const;
  try {
    const require = createRequire(import.meta.url);
    const sodium = require('sodium-native') as { crypto_sign_verify_detached?: unknown };
    const verify = sodium.crypto_sign_verify_detached;
    if (typeof verify !== 'function') throw new Error('sodium-native has no crypto_sign_verify_detached');
    const { version } = require('sodium-native/package.json') as { version: string };
    engine = {
      name: 'libsodium',
      version: `sodium-native ${version}`,
      verifyDetached: verify as SodiumVerifyDetached,
    };
  } catch (e) {
    const message = (e as Error).message?.split('\n')[0] ?? String(e);
    engine = { ...openssl, reason: `sodium-native did not load (${message})` };
  }
  return engine;
}

let told = false;

/**
 * Says once per process, on `write` (stderr), that Ed25519 runs on node:crypto alone. Silent when
 * libsodium loaded. Returns the engine for the report's engine field.
 */
export function noteEd25519Engine(write: (line: string) => void): Ed25519Engine {
  const e = ed25519Engine();
  if (e.name !== 'libsodium' && !told) {
    told = true;
    write(
      `proofgate: ${e.reason}; Ed25519 signatures are verified with node:crypto alone (same outcomes, slower). ` +
        'Install the optional dependency sodium-native for the fast path.\n',
    );
  }
  return e;
}

/** The engine as the report's `engine` field shows it (not part of the digest). */
export function ed25519EngineInfo(): Record<string, string> {
  const e = ed25519Engine();
  return { ed25519: `${e.name} (${e.version})`, ...(e.reason ? { ed25519Fallback: e.reason } : {}) };
}
