-- Experiment runs: one dataset version asked through the chat pipeline under a named variant. Durable so a run
-- survives restarts: a worker leases the run (lease_until), asks its pending items one by one and records each
-- result once (per run and item), then stores the run's metrics.
CREATE TABLE runs (
    id             uuid PRIMARY KEY,
    tenant_id      text        NOT NULL,
    dataset_id     uuid        NOT NULL REFERENCES datasets (id),
    variant_name   text        NOT NULL,
    variant        jsonb       NOT NULL DEFAULT '{}',
    knowledge_base text,
    status         text        NOT NULL CHECK (status IN ('queued', 'running', 'completed', 'failed', 'cancelled')),
    total          integer     NOT NULL,
    metrics        jsonb,
    error          text,
    lease_until    timestamptz,
    created_by     text        NOT NULL,
    created_at     timestamptz NOT NULL DEFAULT now(),
    started_at     timestamptz,
    finished_at    timestamptz
);

CREATE INDEX runs_by_tenant ON runs (tenant_id, created_at DESC);
CREATE INDEX runs_to_work ON runs (created_at) WHERE status IN ('queued', 'running');

CREATE TABLE run_items (
    run_id      uuid        NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    item_key    text        NOT NULL,
    position    integer     NOT NULL,
    status      text        NOT NULL CHECK (status IN ('pending', 'done')),
    -- The scored case as a results-file line (ragctl eval answers --save), with answer, citations, usage.
    result      jsonb,
    confidence  double precision,
    escalated   boolean,
    latency_ms  double precision,
    cost_usd    double precision,
    error       text,
    finished_at timestamptz,
    PRIMARY KEY (run_id, item_key)
);

CREATE INDEX run_items_pending ON run_items (run_id, position) WHERE status = 'pending';
