import fc from 'fast-check';

// Property tests run with a fixed seed (FC_SEED overrides it); fast-check prints the seed and the
// counterexample path on failure, so any failure replays exactly.
export const FC_SEED = Number(process.env.FC_SEED ?? 20261121);
fc.configureGlobal({ seed: FC_SEED, numRuns: Number(process.env.FC_RUNS ?? 100) });
