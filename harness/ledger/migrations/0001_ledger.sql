-- proofgate reference ledger (DESIGN.md §3). Append-only: rows are only ever inserted; the one
-- permitted change is setting ledger_keys.revoked_at once from NULL, and growing
-- ledger_meta.note_keys by appending (note-key rotation). Signed bytes are stored as text exactly
-- as signed, never jsonb (jsonb would reorder and re-serialize them).

CREATE TABLE ledger_keys (
  kid         text PRIMARY KEY,
  alg         text NOT NULL,
  public_jwk  text NOT NULL, -- JCS (RFC 8785) of the public JWK members other than kid/alg/validity
  valid_from  timestamptz NOT NULL,
  valid_until timestamptz NULL,
  revoked_at  timestamptz NULL
);

CREATE TABLE ledger_records (
  log text   NOT NULL,
  seq bigint NOT NULL CHECK (seq >= 0),
  jws text   NOT NULL, -- the compact JWS, byte for byte
  PRIMARY KEY (log, seq)
);

CREATE TABLE ledger_anchors (
  log        text   NOT NULL,
  tree_size  bigint NOT NULL CHECK (tree_size >= 0),
  checkpoint text   NOT NULL, -- C2SP tlog-checkpoint signed note, exact text
  PRIMARY KEY (log, tree_size)
);

CREATE TABLE ledger_meta (
  origin    text PRIMARY KEY,
  note_keys text[] NOT NULL
);

CREATE FUNCTION ledger_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'proofgate ledger is append-only: % on % refused', TG_OP, TG_TABLE_NAME
    USING ERRCODE = 'P0001', HINT = 'history is never rewritten; append new rows instead';
END;
$$;

-- The single mutable cell: revoked_at may go from NULL to a value, once; nothing else may change.
CREATE FUNCTION ledger_keys_guard_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.revoked_at IS NULL AND NEW.revoked_at IS NOT NULL
     AND NEW.kid = OLD.kid AND NEW.alg = OLD.alg AND NEW.public_jwk = OLD.public_jwk
     AND NEW.valid_from = OLD.valid_from
     AND NEW.valid_until IS NOT DISTINCT FROM OLD.valid_until THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'proofgate ledger is append-only: UPDATE on ledger_keys refused (only revoked_at may be set, once, from NULL)'
    USING ERRCODE = 'P0001';
END;
$$;

-- Note keys are only ever appended (rotation keeps every key older anchors were signed with).
CREATE FUNCTION ledger_meta_guard_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.origin = OLD.origin
     AND cardinality(NEW.note_keys) >= cardinality(OLD.note_keys)
     AND NEW.note_keys[1:cardinality(OLD.note_keys)] = OLD.note_keys THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'proofgate ledger is append-only: UPDATE on ledger_meta refused (note_keys may only grow)'
    USING ERRCODE = 'P0001';
END;
$$;

CREATE TRIGGER ledger_records_no_update BEFORE UPDATE OR DELETE ON ledger_records
  FOR EACH ROW EXECUTE FUNCTION ledger_refuse();
CREATE TRIGGER ledger_anchors_no_update BEFORE UPDATE OR DELETE ON ledger_anchors
  FOR EACH ROW EXECUTE FUNCTION ledger_refuse();
CREATE TRIGGER ledger_keys_no_delete BEFORE DELETE ON ledger_keys
  FOR EACH ROW EXECUTE FUNCTION ledger_refuse();
CREATE TRIGGER ledger_keys_guard BEFORE UPDATE ON ledger_keys
  FOR EACH ROW EXECUTE FUNCTION ledger_keys_guard_update();
CREATE TRIGGER ledger_meta_no_delete BEFORE DELETE ON ledger_meta
  FOR EACH ROW EXECUTE FUNCTION ledger_refuse();
CREATE TRIGGER ledger_meta_guard BEFORE UPDATE ON ledger_meta
  FOR EACH ROW EXECUTE FUNCTION ledger_meta_guard_update();

-- Row triggers do not fire for TRUNCATE; statement-level ones do.
CREATE TRIGGER ledger_records_no_truncate BEFORE TRUNCATE ON ledger_records
  FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse();
CREATE TRIGGER ledger_anchors_no_truncate BEFORE TRUNCATE ON ledger_anchors
  FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse();
CREATE TRIGGER ledger_keys_no_truncate BEFORE TRUNCATE ON ledger_keys
  FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse();
CREATE TRIGGER ledger_meta_no_truncate BEFORE TRUNCATE ON ledger_meta
  FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse();
