-- What a cached answer cost to write, so each hit can record what it saved (usage ledger, priced per model).
ALTER TABLE answer_cache
    -- The configured model that wrote it (primary, small, ...); null for the offline answerer.
    ADD COLUMN model_name        text,
    ADD COLUMN prompt_tokens     integer NOT NULL DEFAULT 0 CHECK (prompt_tokens >= 0),
    ADD COLUMN completion_tokens integer NOT NULL DEFAULT 0 CHECK (completion_tokens >= 0);
