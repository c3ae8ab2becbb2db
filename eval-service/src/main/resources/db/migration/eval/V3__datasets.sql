-- Versioned evaluation datasets per tenant. A version is an immutable snapshot: importing or appending items
-- creates the next version of the name, holding every item of the previous one plus the new ones (an item with an
-- existing key replaces it). Runs refer to one version, so a run stays reproducible while the dataset grows.
CREATE TABLE datasets (
    id             uuid PRIMARY KEY,
    tenant_id      text        NOT NULL,
    name           text        NOT NULL,
    version        integer     NOT NULL CHECK (version >= 1),
    kind           text        NOT NULL CHECK (kind IN ('answers', 'beir')),
    knowledge_base text,
    description    text,
    item_count     integer     NOT NULL,
    created_by     text        NOT NULL,
    created_at     timestamptz NOT NULL DEFAULT now(),
    UNIQUE (tenant_id, name, version)
);

-- answers: one case of the answer-level format (type answerable|unanswerable|multiturn|no_handover).
-- beir: one query (type beir_query, the query and its earlier turns as turns, graded judgements in metadata.qrels).
CREATE TABLE dataset_items (
    dataset_id     uuid        NOT NULL REFERENCES datasets (id) ON DELETE CASCADE,
    position       integer     NOT NULL,
    item_key       text        NOT NULL,
    type           text        NOT NULL
        CHECK (type IN ('answerable', 'unanswerable', 'multiturn', 'no_handover', 'beir_query')),
    turns          jsonb       NOT NULL,
    facts          jsonb       NOT NULL DEFAULT '[]',
    sources        jsonb       NOT NULL DEFAULT '[]',
    reference      text,
    knowledge_base text,
    metadata       jsonb       NOT NULL DEFAULT '{}',
    PRIMARY KEY (dataset_id, item_key),
    UNIQUE (dataset_id, position)
);

CREATE INDEX datasets_by_tenant ON datasets (tenant_id, name, version DESC);
