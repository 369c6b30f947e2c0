import { once } from 'node:events';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { InfraError, InputError } from '../errors/index.js';
import { readBundle } from '../bundle/read-bundle.js';
import { BUNDLE_FILES } from '../bundle/types.js';
import { join } from 'node:path';
import { applyLedgerSchema } from './apply-ledger-schema.js';
import { keyToRow, sqlTimestamp } from './key-row.js';
import { mapDbError } from './map-db-error.js';
import { withSessionTimeouts, type SnapshotOptions } from './snapshot.js';
import { qualify } from './sql-name.js';
import { withSource, type LedgerSource } from './source.js';

export interface ImportResult {
  origin: string;
  keys: number;
  records: number;
  anchors: number;
}

// COPY text format (docs: COPY "File Formats" → Text Format): backslash, newline, CR and tab
// must be escaped; escaping the backslash also makes a line of "\." impossible.
const NEEDS_ESCAPE = /[\\\n\r\t]/;
function copyText(s: string): string {
  if (!NEEDS_ESCAPE.test(s)) return s;
  return s.replace(/[\\\n\r\t]/g, (c) =>
    c === '\\' ? '\\\\' : c === '\n' ? '\\n' : c === '\r' ? '\\r' : '\\t',
  );
}

/** Whether bytes[start, end) go into COPY text as they are: no NUL, backslash, tab, LF or CR. */
function plainCopyBytes(bytes: Buffer, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = bytes[i] as number;
    if (c === 0x5c || c === 0x00 || c === 0x09 || c === 0x0a || c === 0x0d) return false;
  }
  return true;
}

async function copyLines(
  client: pg.Client,
  sql: string,
  chunks: AsyncIterable<string | Buffer>,
): Promise<void> {
  const stream = client.query(copyFrom(sql));
  const done = new Promise<void>((resolve, reject) => {
    stream.on('finish', resolve);
    stream.on('error', reject);
  });
  done.catch(() => undefined);
  try {
    for await (const chunk of chunks) {
      if (!stream.write(chunk)) await Promise.race([once(stream, 'drain'), done]);
    }
  } catch (e) {
    stream.destroy(e as Error);
    await done.catch(() => undefined);
    throw e;
  }
  stream.end();
  await done;
}

// proofgate's own ledger tables, always schema-qualified (a same-named table in a "$user"
// schema must not receive the history).
const META = qualify('ledger_meta');
const KEYS = qualify('ledger_keys');
const RECORDS = qualify('ledger_records');
const ANCHORS = qualify('ledger_anchors');

/**
 * Loads a bundle into a ledger database (schema applied if absent) in ONE transaction: meta,
 * keys, then records and anchors with COPY FROM STDIN. The log must not exist there yet
 * (append-only: an import never merges into or rewrites history). Lock waits and statements are
 * bounded (`options`; the COPYs by lock_timeout only, they last as long as the bundle is large).
 */
export async function importBundle(
  dir: string,
  target: LedgerSource,
  options: SnapshotOptions = {},
): Promise<ImportResult> {
  const bundle = await readBundle(dir);
  const { origin, noteKeys } = bundle.manifest;
  const keysFile = join(dir, BUNDLE_FILES.keys);
  const seen = new Set<string>();
  for (const k of bundle.keys) {
    if (seen.has(k.kid)) {
      throw new InputError(
        'ERR_BUNDLE',
        `kid ${JSON.stringify(k.kid)} is bound twice; a ledger holds one binding per kid`,
        {
          file: keysFile,
          hint: 'run `proofgate verify-proofs --bundle` on it: a rebound kid is a trust failure',
        },
      );
    }
    seen.add(k.kid);
  }

  const recordsFile = join(dir, BUNDLE_FILES.records);
  const anchorsFile = join(dir, BUNDLE_FILES.anchors);
  // PostgreSQL text cannot hold NUL: refuse it at its line rather than as a database error.
  const noNul = (file: string, line: number, v: string) => {
    if (v.includes('\u0000')) {
      throw new InputError('ERR_BUNDLE', 'holds a NUL character (\\u0000), which a ledger cannot store', {
        file: `${file}:${line}`,
        hint: 'the bundle is damaged; restore it from its source (proofgate export) instead of repairing it by hand',
      });
    }
  };

  let committing = false;
  return withSource(target, async (c) => {
    // Whether the connection died under us: the driver may then fail with an unrelated error
    // (e.g. "Cannot read properties of null") instead of the server's reason.
    let lost: { reason?: string } | undefined;
    const onEnd = () => {
      lost ??= {};
    };
    const onError = (e: unknown) => {
      lost = { reason: (e as Error)?.message ?? lost?.reason };
    };
    c.on('end', onEnd);
    c.on('error', onError);
    try {
      return await withSessionTimeouts(c, options, () => load(c));
    } catch (cause) {
      // The driver's own error, under any mapping of ours.
      let root = cause as { code?: string; message?: string; cause?: unknown };
      while (root?.cause !== undefined && root.cause !== root) root = root.cause as typeof root;
      const code = root?.code;
      if (
        lost !== undefined ||
        code === '57P01' ||
        code === '57P02' ||
        code === '57P03' ||
        code === '08006'
      ) {
        // The server's reason (from the connection's error event), not the driver's follow-on error.
        const reason = lost?.reason ?? root?.message ?? 'the server closed the connection';
        throw new InfraError(
          'ERR_DATABASE',
          committing
            ? `the database connection was lost while committing the import of ${dir} (${reason}): it may or may not have been committed`
            : `the database connection was lost during the import of ${dir} (${reason}): the transaction was not committed, so nothing was imported`,
          {
            hint: committing
              ? 'run `proofgate verify-proofs --database-url …` to see whether the log is there; if not, re-run the import'
              : 're-run the import once the server is reachable (the server was restarted, shut down or the session terminated)',
            cause,
          },
        );
      }
      throw cause;
    } finally {
      c.off('end', onEnd);
      c.off('error', onError);
    }
  });

  async function load(c: pg.Client): Promise<ImportResult> {
    await applyLedgerSchema(c, undefined, options);
    const result: ImportResult = { origin, keys: 0, records: 0, anchors: 0 };
    // The table the current statement writes: named when it is locked.
    let table = META;
    try {
      await c.query('BEGIN');
      // Every name below is qualified; built-in functions and types come from pg_catalog only.
      await c.query('SET LOCAL search_path = pg_catalog');
      const exists = await c.query(
        `SELECT 1 FROM ${META} WHERE origin = $1 UNION ALL SELECT 1 FROM ${RECORDS} WHERE log = $1 LIMIT 1`,
        [origin],
      );
      if (exists.rowCount) {
        throw new InfraError('ERR_DATABASE', `the ledger already holds log ${JSON.stringify(origin)}`, {
          hint: 'import into an empty database; the ledger is append-only and an import never merges history',
        });
      }
      await c.query(`INSERT INTO ${META} (origin, note_keys) VALUES ($1, $2)`, [origin, noteKeys]);
      table = KEYS;

      for (const k of bundle.keys) {
        const row = keyToRow(k);
        const ins = await c.query(
          `INSERT INTO ${KEYS} (kid, alg, public_jwk, valid_from, valid_until, revoked_at) VALUES ($1, $2, $3, $4, $5, $6)
           ON CONFLICT (kid) DO NOTHING
           RETURNING ${sqlTimestamp('valid_from')} AS valid_from, ${sqlTimestamp('valid_until')} AS valid_until, ${sqlTimestamp('revoked_at')} AS revoked_at`,
          [row.kid, row.alg, row.public_jwk, row.valid_from, row.valid_until, row.revoked_at],
        );
        let stored = ins.rows[0] as Record<string, string | null> | undefined;
        if (!stored) {
          // Keys are shared by every log in the ledger: the same binding may already be there.
          const have = await c.query(
            `SELECT alg, public_jwk, ${sqlTimestamp('valid_from')} AS valid_from, ${sqlTimestamp('valid_until')} AS valid_until, ${sqlTimestamp('revoked_at')} AS revoked_at FROM ${KEYS} WHERE kid = $1`,
            [row.kid],
          );
          stored = have.rows[0] as Record<string, string | null>;
          if (stored.alg !== row.alg || stored.public_jwk !== row.public_jwk) {
            throw new InputError(
              'ERR_BUNDLE',
              `kid ${JSON.stringify(row.kid)} is already bound to a different key in this ledger`,
              { file: keysFile },
            );
          }
        } else result.keys++;
        for (const m of ['valid_from', 'valid_until', 'revoked_at'] as const) {
          if (stored[m] !== row[m]) {
            throw new InputError(
              'ERR_BUNDLE',
              `kid ${JSON.stringify(row.kid)}: ${m} ${JSON.stringify(row[m])} would come back from the ledger as ${JSON.stringify(stored[m])}`,
              {
                file: keysFile,
                hint: 'write timestamps as canonical UTC RFC 3339 (YYYY-MM-DDTHH:MM:SS[.ffffff]Z, no trailing zeros) so digests match before and after import',
              },
            );
          }
        }
      }

      const log = copyText(origin);
      // A COPY lasts as long as the bundle is large: bounded by lock_timeout only, as reads are.
      await c.query('SET LOCAL statement_timeout = 0');
      table = RECORDS;
      await copyLines(
        c,
        `COPY ${RECORDS} (log, seq, jws) FROM STDIN`,
        (async function* () {
          // Records as the bytes they are stored as (no string per record: a rehearsal's heap stays
          // small); only a JWS with a byte COPY text must escape, or a NUL, takes the string path.
          const prefix = Buffer.from(`${log}\t`, 'utf8');
          for await (const b of bundle.recordBytes()) {
            let size = 0;
            for (let i = 0; i < b.seqs.length; i++)
              size += prefix.length + 18 + 2 * ((b.ends[i] as number) - (b.starts[i] as number));
            const out = Buffer.allocUnsafe(size);
            let o = 0;
            for (let i = 0; i < b.seqs.length; i++) {
              const start = b.starts[i] as number;
              const end = b.ends[i] as number;
              o += prefix.copy(out, o);
              o += out.write(`${b.seqs[i]}\t`, o, 'latin1');
              if (plainCopyBytes(b.bytes, start, end)) o += b.bytes.copy(out, o, start, end);
              else {
                const jws = b.bytes.toString('utf8', start, end);
                noNul(recordsFile, result.records + i + 1, jws);
                o += out.write(copyText(jws), o, 'utf8');
              }
              out[o++] = 0x0a;
            }
            result.records += b.seqs.length;
            yield out.subarray(0, o);
          }
        })(),
      );
      table = ANCHORS;
      await copyLines(
        c,
        `COPY ${ANCHORS} (log, tree_size, checkpoint) FROM STDIN`,
        (async function* () {
          for await (const a of bundle.anchors()) {
            result.anchors++;
            noNul(anchorsFile, result.anchors, a.checkpoint);
            yield `${log}\t${a.treeSize}\t${copyText(a.checkpoint)}\n`;
          }
        })(),
      );
      committing = true;
      await c.query('COMMIT');
      committing = false;
      // Fresh statistics, so plans over the new rows (the verifier's ordered scan) fit their size.
      table = RECORDS;
      await c.query(`ANALYZE ${RECORDS}, ${ANCHORS}`);
    } catch (cause) {
      await c.query('ROLLBACK').catch(() => undefined);
      const code = (cause as { code?: string }).code;
      if (code === '23505') {
        throw new InputError(
          'ERR_BUNDLE',
          `duplicate seq or tree size: ${(cause as Error).message}${(cause as { detail?: string }).detail ? ` (${(cause as { detail?: string }).detail})` : ''}`,
          {
            file: dir,
            hint: 'the ledger keys records by (log, seq) and anchors by (log, tree_size); verify the bundle with `proofgate verify-proofs --bundle`',
          },
        );
      }
      if (code === '22021' || code === '22P05') {
        throw new InputError(
          'ERR_BUNDLE',
          `a value the ledger cannot store: ${(cause as Error).message}${(cause as { where?: string }).where ? ` (${(cause as { where?: string }).where})` : ''}`,
          {
            file: dir,
            hint: 'the bundle is damaged; restore it from its source (proofgate export)',
          },
        );
      }
      throw mapDbError(`importing ${dir}`, cause, { access: 'write', table });
    }
    return result;
  }
}
