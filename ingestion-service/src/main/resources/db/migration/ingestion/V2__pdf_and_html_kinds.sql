-- PDF and HTML uploads.
ALTER TABLE ingestion.documents
    DROP CONSTRAINT documents_kind_check,
    ADD CONSTRAINT documents_kind_check CHECK (kind IN ('markdown', 'text', 'pdf', 'html'));
