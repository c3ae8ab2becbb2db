-- Issue 5 part B: agent replies, escalations, live conversation events, answer evidence and per-tenant guardrail
-- and confidence policies. Every read and write is scoped by tenant_id.

-- Agents reply into the customer's conversation; author is the agent's name (their subject).
ALTER TABLE messages DROP CONSTRAINT messages_role_check;
ALTER TABLE messages ADD CONSTRAINT messages_role_check CHECK (role IN ('user', 'assistant', 'agent'));
ALTER TABLE messages ADD COLUMN author text;

-- What an assistant answer was grounded on and how it was judged, for the staff view and escalations.
CREATE TABLE answer_evidence (
    message_id  uuid        PRIMARY KEY REFERENCES messages (id) ON DELETE CASCADE,
    tenant_id   text        NOT NULL,
    -- [{"chunkId","documentId","title","score","snippet"}] as given to the answerer (after guardrails).
    context     jsonb       NOT NULL DEFAULT '[]'::jsonb,
    -- The parts of the confidence score: {"retrieval","groundedness","guardrail","combined","decision"}.
    scores      jsonb       NOT NULL DEFAULT '{}'::jsonb,
    created_at  timestamptz NOT NULL DEFAULT clock_timestamp()
);

-- At most one escalation per conversation; a resolved one reopens when the conversation escalates again.
CREATE TABLE escalations (
    conversation_id uuid             PRIMARY KEY REFERENCES conversations (id) ON DELETE CASCADE,
    tenant_id       text             NOT NULL,
    status          text             NOT NULL CHECK (status IN ('open', 'assigned', 'resolved')),
    reasons         jsonb            NOT NULL DEFAULT '[]'::jsonb,
    confidence      double precision CHECK (confidence BETWEEN 0 AND 1),
    assignee        text,
    -- First 140 characters of the customer's last question when it escalated.
    preview         text             NOT NULL DEFAULT '',
    -- The message that escalated (assistant answer, or the customer's request), and what the turn had retrieved.
    message_id      uuid,
    context         jsonb            NOT NULL DEFAULT '[]'::jsonb,
    scores          jsonb            NOT NULL DEFAULT '{}'::jsonb,
    created_at      timestamptz      NOT NULL DEFAULT clock_timestamp(),
    updated_at      timestamptz      NOT NULL DEFAULT clock_timestamp(),
    resolved_by     text,
    -- What the customer wrote when asking for a person through the escalate endpoint, if anything.
    customer_note   text
);

CREATE INDEX escalations_tenant_status_updated_idx ON escalations (tenant_id, status, updated_at DESC);

-- Live events of a conversation for the customer's event stream (agent messages, escalation changes). seq orders
-- them across replicas; event_id is the SSE id (the message id for message events). Inserts NOTIFY the channel
-- conversation_events so every replica can push at once.
CREATE TABLE conversation_events (
    seq             bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event_id        uuid        NOT NULL UNIQUE,
    conversation_id uuid        NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
    tenant_id       text        NOT NULL,
    kind            text        NOT NULL CHECK (kind IN ('message', 'escalation')),
    payload         jsonb       NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT clock_timestamp()
);

CREATE INDEX conversation_events_conversation_seq_idx ON conversation_events (conversation_id, seq);

-- Per-tenant guardrail and confidence policy; absent row or NULL column = the configured default.
CREATE TABLE tenant_policies (
    tenant_id        text             PRIMARY KEY,
    banned_topics    jsonb,
    off_topic_terms  jsonb,
    -- Below caveat_below the answer carries a caveat; below escalate_below the conversation escalates.
    caveat_below     double precision CHECK (caveat_below BETWEEN 0 AND 1),
    escalate_below   double precision CHECK (escalate_below BETWEEN 0 AND 1),
    -- What a blocked input (injection, abuse, banned topic) does: refuse or escalate.
    blocked_action   text CHECK (blocked_action IN ('refuse', 'escalate')),
    updated_at       timestamptz      NOT NULL DEFAULT clock_timestamp(),
    updated_by       text             NOT NULL
);
