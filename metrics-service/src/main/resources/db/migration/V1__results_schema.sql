-- Results store of the metrics-service. Portable SQL: runs unchanged on H2 2.x and PostgreSQL.

-- One evaluation campaign as requested, with its verdict policy (threshold overrides, JSON).
CREATE TABLE evaluations (
  evaluation_id  VARCHAR(200) NOT NULL PRIMARY KEY,
  event_id       VARCHAR(100) NOT NULL,
  model_name     VARCHAR(200),
  base_model_uri VARCHAR(2000) NOT NULL,
  policy_json    TEXT NOT NULL,
  requested_at   TIMESTAMP WITH TIME ZONE NOT NULL
);

-- The variants of an evaluation; the base model is always one of them (variant_id 'base').
CREATE TABLE variants (
  evaluation_id   VARCHAR(200) NOT NULL,
  variant_id      VARCHAR(200) NOT NULL,
  method          VARCHAR(100) NOT NULL,
  parameters_json TEXT NOT NULL,
  PRIMARY KEY (evaluation_id, variant_id)
);

-- The tasks every variant of an evaluation runs.
CREATE TABLE evaluation_tasks (
  evaluation_id VARCHAR(200) NOT NULL,
  task_id       VARCHAR(200) NOT NULL,
  PRIMARY KEY (evaluation_id, task_id)
);

-- One sample of a task on a variant, with its score (scored on ingest).
CREATE TABLE samples (
  evaluation_id     VARCHAR(200) NOT NULL,
  variant_id        VARCHAR(200) NOT NULL,
  task_id           VARCHAR(200) NOT NULL,
  sample_id         VARCHAR(200) NOT NULL,
  event_id          VARCHAR(100) NOT NULL,
  prompt_digest     VARCHAR(128) NOT NULL,
  raw_output        TEXT NOT NULL,
  parsed_output     TEXT,
  reference         TEXT NOT NULL,
  prompt_tokens     INTEGER NOT NULL,
  completion_tokens INTEGER NOT NULL,
  latency_millis    BIGINT NOT NULL,
  primary_metric    VARCHAR(100),
  score             DOUBLE PRECISION,
  metrics_json      TEXT,
  scoring_error     VARCHAR(2000),
  occurred_at       TIMESTAMP WITH TIME ZONE NOT NULL,
  PRIMARY KEY (evaluation_id, variant_id, task_id, sample_id)
);

-- The runner's end of a (variant, task): how many samples to expect, or why it failed.
CREATE TABLE task_runs (
  evaluation_id  VARCHAR(200) NOT NULL,
  variant_id     VARCHAR(200) NOT NULL,
  task_id        VARCHAR(200) NOT NULL,
  event_id       VARCHAR(100) NOT NULL,
  status         VARCHAR(20) NOT NULL,
  sample_count   INTEGER NOT NULL,
  failure_reason VARCHAR(2000),
  occurred_at    TIMESTAMP WITH TIME ZONE NOT NULL,
  PRIMARY KEY (evaluation_id, variant_id, task_id)
);

-- The aggregate of a (variant, task): written once, when the task is complete.
CREATE TABLE task_results (
  evaluation_id  VARCHAR(200) NOT NULL,
  variant_id     VARCHAR(200) NOT NULL,
  task_id        VARCHAR(200) NOT NULL,
  status         VARCHAR(20) NOT NULL,
  primary_metric VARCHAR(100),
  score          DOUBLE PRECISION,
  ci_low         DOUBLE PRECISION,
  ci_high        DOUBLE PRECISION,
  sample_count   INTEGER NOT NULL,
  metrics_json   TEXT NOT NULL,
  failure_reason VARCHAR(2000),
  PRIMARY KEY (evaluation_id, variant_id, task_id)
);

-- Where a variant's logits-level probe outputs are stored.
CREATE TABLE probe_results (
  evaluation_id  VARCHAR(200) NOT NULL,
  variant_id     VARCHAR(200) NOT NULL,
  probe_set_id   VARCHAR(200) NOT NULL,
  event_id       VARCHAR(100) NOT NULL,
  result_uri     VARCHAR(2000) NOT NULL,
  result_digest  VARCHAR(128) NOT NULL,
  sequence_count INTEGER NOT NULL,
  position_count INTEGER NOT NULL,
  occurred_at    TIMESTAMP WITH TIME ZONE NOT NULL,
  PRIMARY KEY (evaluation_id, variant_id, probe_set_id)
);

-- Analysis metrics of a variant (ERank, top-k correlation, energy, KL, ...) as JSON documents.
CREATE TABLE analysis_results (
  evaluation_id VARCHAR(200) NOT NULL,
  variant_id    VARCHAR(200) NOT NULL,
  analysis      VARCHAR(100) NOT NULL,
  result_json   TEXT NOT NULL,
  PRIMARY KEY (evaluation_id, variant_id, analysis)
);

-- The outcome of an evaluation: written once, when every (variant, task) has a result.
CREATE TABLE evaluation_results (
  evaluation_id VARCHAR(200) NOT NULL PRIMARY KEY,
  status        VARCHAR(20) NOT NULL,
  verdicts_json TEXT NOT NULL
);

-- Every event that changed the store, by event id: a redelivery is recognised before any work.
CREATE TABLE processed_events (
  event_id    VARCHAR(100) NOT NULL PRIMARY KEY,
  topic       VARCHAR(200) NOT NULL,
  natural_key VARCHAR(1000) NOT NULL
);
