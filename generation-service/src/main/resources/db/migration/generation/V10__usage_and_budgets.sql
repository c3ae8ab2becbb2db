-- Every billable (or saved) unit of work: LLM calls including failed attempts and retries, query embeddings,
-- reranking, and what a cache hit saved. Cost is computed from the price table at the time of the call.
CREATE TABLE llm_usage (
    id                bigserial     PRIMARY KEY,
    tenant_id         text          NOT NULL,
    conversation_id   uuid,
    message_id        uuid,
    operation         text          NOT NULL CHECK (operation IN ('chat', 'embedding', 'rerank', 'cache_saved')),
    -- The configured model name (e.g. primary) for chat; the provider's model name is in request_model.
    model             text          NOT NULL,
    request_model     text          NOT NULL,
    outcome           text          NOT NULL CHECK (outcome IN ('ok', 'failed', 'interrupted')),
    prompt_tokens     integer       NOT NULL DEFAULT 0 CHECK (prompt_tokens >= 0),
    completion_tokens integer       NOT NULL DEFAULT 0 CHECK (completion_tokens >= 0),
    cost_usd          numeric(18, 9) NOT NULL DEFAULT 0 CHECK (cost_usd >= 0),
    created_at        timestamptz   NOT NULL DEFAULT clock_timestamp()
);

CREATE INDEX llm_usage_tenant_created_idx ON llm_usage (tenant_id, created_at);
CREATE INDEX llm_usage_tenant_conversation_idx ON llm_usage (tenant_id, conversation_id);

-- Per tenant and UTC day, what budgets are checked against (one row per day keeps the check cheap and shared by
-- every replica). saved_usd is what cache hits saved; it never counts against a budget.
CREATE TABLE tenant_usage_daily (
    tenant_id text           NOT NULL,
    day       date           NOT NULL,
    tokens    bigint         NOT NULL DEFAULT 0,
    cost_usd  numeric(18, 9) NOT NULL DEFAULT 0,
    saved_usd numeric(18, 9) NOT NULL DEFAULT 0,
    PRIMARY KEY (tenant_id, day)
);

-- Token and cost budgets per tenant; a null limit means unlimited. Changed at run time through the admin API.
CREATE TABLE tenant_budgets (
    tenant_id        text           PRIMARY KEY,
    daily_tokens     bigint         CHECK (daily_tokens >= 0),
    monthly_tokens   bigint         CHECK (monthly_tokens >= 0),
    daily_cost_usd   numeric(18, 9) CHECK (daily_cost_usd >= 0),
    monthly_cost_usd numeric(18, 9) CHECK (monthly_cost_usd >= 0),
    on_exhausted     text           NOT NULL DEFAULT 'cheaper_model' CHECK (on_exhausted IN ('cheaper_model', 'refuse')),
    tier             text           NOT NULL DEFAULT 'standard',
    updated_at       timestamptz    NOT NULL DEFAULT clock_timestamp(),
    updated_by       text
);
