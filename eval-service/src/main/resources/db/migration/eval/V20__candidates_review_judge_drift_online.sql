-- Issue 13 (evalb): candidate dataset items from labels and feedback, the review queue, the judge's verdicts and
-- spending, drift reports and online scores. Every read and write is scoped by tenant_id.

-- A label or a thumbs-down with a comment, with the conversation it was about, waiting for an admin's decision.
CREATE TABLE candidates (
    id              uuid        PRIMARY KEY,
    tenant_id       text        NOT NULL,
    source          text        NOT NULL CHECK (source IN ('label', 'feedback')),
    -- The labels.id or feedback.id it came from: one candidate per signal.
    source_id       uuid        NOT NULL,
    conversation_id uuid        NOT NULL,
    message_id      uuid        NOT NULL,
    knowledge_base  text,
    -- correct, incorrect, missing_knowledge (labels) or thumbs_down (feedback).
    signal          text        NOT NULL,
    -- The customer's turns of the conversation up to the answer, oldest first.
    turns           jsonb       NOT NULL DEFAULT '[]'::jsonb,
    answer          text,
    -- The agent's corrected answer (or, for a correct label, the answer itself).
    reference       text,
    -- [{"documentId", "title", "url"}] the answer cited.
    cited_documents jsonb       NOT NULL DEFAULT '[]'::jsonb,
    comment         text,
    signalled_by    text        NOT NULL,
    status          text        NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'accepted', 'rejected')),
    dataset         text,
    dataset_version integer,
    decided_by      text,
    decided_at      timestamptz,
    reason          text,
    created_at      timestamptz NOT NULL DEFAULT clock_timestamp(),
    UNIQUE (tenant_id, source, source_id)
);

CREATE INDEX candidates_tenant_status_idx ON candidates (tenant_id, status, created_at DESC);

-- Answered (not escalated) turns sampled for agents to label; labelled once labels has a row for the message.
CREATE TABLE review_items (
    message_id      uuid             PRIMARY KEY,
    tenant_id       text             NOT NULL,
    conversation_id uuid             NOT NULL,
    knowledge_base  text,
    question        text             NOT NULL,
    answer          text             NOT NULL,
    confidence      double precision,
    answered_at     timestamptz      NOT NULL,
    sampled_at      timestamptz      NOT NULL DEFAULT clock_timestamp()
);

CREATE INDEX review_items_tenant_sampled_idx ON review_items (tenant_id, sampled_at DESC);

-- How far each tenant's turns have been looked at by the samplers (review queue, online scoring).
CREATE TABLE sampler_positions (
    tenant_id  text        NOT NULL,
    sampler    text        NOT NULL CHECK (sampler IN ('review', 'online')),
    position   timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, sampler)
);

-- One judgement of one answer: the majority verdict of its votes.
CREATE TABLE judge_verdicts (
    id              uuid             PRIMARY KEY,
    tenant_id       text             NOT NULL,
    message_id      uuid,
    kind            text             NOT NULL CHECK (kind IN ('correctness', 'faithfulness')),
    verdict         text             NOT NULL,
    score           double precision,
    votes           jsonb            NOT NULL DEFAULT '[]'::jsonb,
    prompt_version  text             NOT NULL,
    model           text             NOT NULL,
    cost_usd        numeric(18, 9)   NOT NULL DEFAULT 0,
    created_at      timestamptz      NOT NULL DEFAULT clock_timestamp()
);

CREATE INDEX judge_verdicts_tenant_message_idx ON judge_verdicts (tenant_id, message_id, kind);

-- The judge's LLM calls as their own operation, for cost reports and the per-tenant judge budget.
CREATE TABLE judge_usage (
    id                bigserial      PRIMARY KEY,
    tenant_id         text           NOT NULL,
    operation         text           NOT NULL DEFAULT 'judge' CHECK (operation = 'judge'),
    model             text           NOT NULL,
    prompt_tokens     integer        NOT NULL DEFAULT 0,
    completion_tokens integer        NOT NULL DEFAULT 0,
    cost_usd          numeric(18, 9) NOT NULL DEFAULT 0,
    created_at        timestamptz    NOT NULL DEFAULT clock_timestamp()
);

CREATE INDEX judge_usage_tenant_created_idx ON judge_usage (tenant_id, created_at);

-- One drift computation per tenant and knowledge base: every signal and the knowledge gaps.
CREATE TABLE drift_reports (
    id              uuid        PRIMARY KEY,
    tenant_id       text        NOT NULL,
    knowledge_base  text        NOT NULL,
    reference_from  timestamptz NOT NULL,
    reference_to    timestamptz NOT NULL,
    current_from    timestamptz NOT NULL,
    current_to      timestamptz NOT NULL,
    signals         jsonb       NOT NULL,
    gaps            jsonb       NOT NULL DEFAULT '[]'::jsonb,
    computed_at     timestamptz NOT NULL DEFAULT clock_timestamp()
);

CREATE INDEX drift_reports_tenant_kb_computed_idx ON drift_reports (tenant_id, knowledge_base, computed_at DESC);

-- Live turns scored after the fact: offline metrics always, the judge's when it ran.
CREATE TABLE online_scores (
    message_id      uuid             PRIMARY KEY,
    tenant_id       text             NOT NULL,
    conversation_id uuid             NOT NULL,
    knowledge_base  text,
    answered_at     timestamptz      NOT NULL,
    confidence      double precision,
    escalated       boolean          NOT NULL,
    -- {"faithfulness_offline", "citation_present", "dangling_citations", "judge_faithfulness", ...}
    metrics         jsonb            NOT NULL,
    judged          boolean          NOT NULL DEFAULT false,
    scored_at       timestamptz      NOT NULL DEFAULT clock_timestamp()
);

CREATE INDEX online_scores_tenant_scored_idx ON online_scores (tenant_id, scored_at DESC);
