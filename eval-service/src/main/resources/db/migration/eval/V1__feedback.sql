-- Answer feedback from customers (thumbs and an optional comment), tied to the turn and its trace so that
-- evaluation can join it with the interaction log.
CREATE TABLE feedback (
    id              uuid PRIMARY KEY,
    tenant_id       text        NOT NULL,
    conversation_id uuid        NOT NULL,
    message_id      uuid        NOT NULL,
    rating          text        NOT NULL CHECK (rating IN ('up', 'down')),
    comment         text,
    trace_id        text,
    submitted_by    text        NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now(),
    UNIQUE (tenant_id, message_id, submitted_by)
);

CREATE INDEX feedback_by_conversation ON feedback (tenant_id, conversation_id, created_at);
