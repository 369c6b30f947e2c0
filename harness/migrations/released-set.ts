import type { LockFile, MigrationRelease } from './types.js';

/** Every migration file some released version applied: name → checksum(s) and the releases that hold it. */
export interface ReleasedFile {
  name: string;
  /** Distinct checksums recorded for this name; more than one means the lock file itself was edited. */
  checksums: { checksum: string; releases: string[] }[];
}

/** Unites the lock file's entries and (optionally) the base release folder, which is released by definition. */
export function releasedSet(lock: LockFile, base?: MigrationRelease): Map<string, ReleasedFile> {
  const out = new Map<string, ReleasedFile>();
  const add = (name: string, checksum: string, release: string): void => {
    const entry = out.get(name) ?? { name, checksums: [] };
    const same = entry.checksums.find((c) => c.checksum === checksum);
    if (same) same.releases.push(release);
    else entry.checksums.push({ checksum, releases: [release] });
    out.set(name, entry);
  };
  for (const version of Object.keys(lock.releases).sort())
    for (const [name, sum] of Object.entries(lock.releases[version] ?? {})) add(name, sum, version);
  if (base) for (const f of base.files) add(f.name, f.checksum, `${base.artifact.version} (base)`);
  for (const e of out.values()) for (const c of e.checksums) c.releases = [...new Set(c.releases)].sort();
  return out;
}
