-- Agents' verdicts on assistant answers (correct, incorrect, missing knowledge) with an optional corrected answer:
-- the labelled set evaluation measures the assistant against. One label per agent and answer; labelling again
-- replaces it.
CREATE TABLE labels (
    id               uuid PRIMARY KEY,
    tenant_id        text        NOT NULL,
    conversation_id  uuid        NOT NULL,
    message_id       uuid        NOT NULL,
    label            text        NOT NULL CHECK (label IN ('correct', 'incorrect', 'missing_knowledge')),
    corrected_answer text,
    note             text,
    labelled_by      text        NOT NULL,
    created_at       timestamptz NOT NULL DEFAULT now(),
    UNIQUE (tenant_id, message_id, labelled_by)
);

CREATE INDEX labels_by_conversation ON labels (tenant_id, conversation_id, created_at);
