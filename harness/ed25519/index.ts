// Ed25519 verification shared by the record verifier (proofs) and the signed-note reader (lineage):
// libsodium first where sodium-native loads, node:crypto's verdicts always.
export { ed25519Engine, ed25519EngineInfo, noteEd25519Engine, type Ed25519Engine } from './engine.js';
export { ed25519PublicKeyBytes, verifyEd25519, verifyEd25519Node, verifyEd25519Sodium } from './verify.js';
