-- One row per answered turn, for audits and quality work; free text is PII-redacted before it is written and
-- rows are purged after the configured retention.
CREATE TABLE interaction_log (
    message_id      uuid             PRIMARY KEY,
    tenant_id       text             NOT NULL,
    conversation_id uuid             NOT NULL,
    question        text             NOT NULL,
    -- [{"chunkId", "documentId", "score"}] in retrieval order.
    retrieved       jsonb            NOT NULL DEFAULT '[]'::jsonb,
    prompt_version  jsonb,
    model           text             NOT NULL,
    answer          text             NOT NULL,
    citations       jsonb            NOT NULL DEFAULT '[]'::jsonb,
    confidence      double precision,
    flags           jsonb            NOT NULL DEFAULT '[]'::jsonb,
    escalated       boolean          NOT NULL DEFAULT false,
    -- {"retrievalMs", "firstTokenMs", "generationMs", "totalMs"}.
    latency_ms      jsonb            NOT NULL DEFAULT '{}'::jsonb,
    cost_usd        numeric(18, 9)   NOT NULL DEFAULT 0,
    trace_id        text,
    created_at      timestamptz      NOT NULL DEFAULT clock_timestamp()
);

CREATE INDEX interaction_log_created_idx ON interaction_log (created_at);
CREATE INDEX interaction_log_tenant_created_idx ON interaction_log (tenant_id, created_at DESC);
