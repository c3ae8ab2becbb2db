-- The prompt template versions each answer of a run was written with ([{"name", "scope", "version", "label"}], as
-- generation reports them to evaluation calls); NULL when the answerer used no templates (offline).
ALTER TABLE run_items ADD COLUMN prompt_versions jsonb;

-- Recorded gate verdicts: a candidate run against a baseline run of the same dataset version. Generation asks for
-- the latest verdict whose candidate used a prompt version before that version may be labelled production.
CREATE TABLE gate_verdicts (
    id              uuid PRIMARY KEY,
    tenant_id       text        NOT NULL,
    baseline_run    uuid        NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    candidate_run   uuid        NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    dataset_id      uuid        NOT NULL REFERENCES datasets (id),
    passed          boolean     NOT NULL,
    failed_metrics  jsonb       NOT NULL DEFAULT '[]',
    -- The whole comparison (per metric: means, effect, interval, p, Holm p, flipped items, advisory).
    verdict         jsonb       NOT NULL,
    -- Distinct prompt versions of the candidate's answers, for containment lookups.
    prompt_versions jsonb       NOT NULL DEFAULT '[]',
    -- gating | advisory | unavailable: whether the judge's metrics could fail this verdict.
    judge_mode      text        NOT NULL,
    created_by      text        NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT clock_timestamp()
);

CREATE INDEX gate_verdicts_by_tenant ON gate_verdicts (tenant_id, created_at DESC);
CREATE INDEX gate_verdicts_prompt_versions ON gate_verdicts USING gin (prompt_versions jsonb_path_ops);
