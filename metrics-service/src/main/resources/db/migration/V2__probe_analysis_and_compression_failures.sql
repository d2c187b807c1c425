-- Issue #5, rest: probe failures, per-variant probe analyses, compression failures. Portable SQL
-- (H2 2.x and PostgreSQL).

-- The probe set an evaluation asked for; NULL = no probing (completion then waits for tasks only).
ALTER TABLE evaluations ADD COLUMN probe_set_id VARCHAR(200);

-- A failed probe arrives without a file: error says why, result_uri and result_digest are NULL.
ALTER TABLE probe_results ADD COLUMN error VARCHAR(4000);
ALTER TABLE probe_results ALTER COLUMN result_uri DROP NOT NULL;
ALTER TABLE probe_results ALTER COLUMN result_digest DROP NOT NULL;

-- The logits-level analysis of one variant on one probe set, written once. For the base: its own
-- ERank; for a compressed variant: ERank/Diff-ERank, top-k curves, KL and energy histograms
-- against the base (result_json), or FAILED with the reason (unreadable file, digest mismatch,
-- different probe inputs). erank, diff_erank and mean_kl repeat the headline numbers for queries.
CREATE TABLE probe_analyses (
  evaluation_id  VARCHAR(200) NOT NULL,
  variant_id     VARCHAR(200) NOT NULL,
  probe_set_id   VARCHAR(200) NOT NULL,
  status         VARCHAR(20) NOT NULL,
  erank          DOUBLE PRECISION,
  diff_erank     DOUBLE PRECISION,
  mean_kl        DOUBLE PRECISION,
  result_json    TEXT,
  failure_reason VARCHAR(4000),
  PRIMARY KEY (evaluation_id, variant_id, probe_set_id)
);

-- A variant the compressor could not build or register (acbench.compression.failed).
CREATE TABLE compression_failures (
  evaluation_id VARCHAR(200) NOT NULL,
  variant_id    VARCHAR(200) NOT NULL,
  event_id      VARCHAR(100) NOT NULL,
  reason        VARCHAR(4000) NOT NULL,
  retryable     BOOLEAN NOT NULL,
  occurred_at   TIMESTAMP WITH TIME ZONE NOT NULL,
  PRIMARY KEY (evaluation_id, variant_id)
);
