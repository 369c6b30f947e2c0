export default function setup(): void {
  process.stdout.write(
    `[proofgate tests] fast-check seed ${process.env.FC_SEED ?? 20261121} (set FC_SEED to change)\n`,
  );
}
