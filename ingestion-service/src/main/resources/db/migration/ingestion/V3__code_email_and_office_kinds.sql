-- Source code, e-mail (.eml) and office (DOCX, ODT, RTF, PPTX, XLSX) uploads.
ALTER TABLE ingestion.documents
    DROP CONSTRAINT documents_kind_check,
    ADD CONSTRAINT documents_kind_check
        CHECK (kind IN ('markdown', 'text', 'pdf', 'html', 'code', 'email', 'docx', 'odt', 'rtf', 'pptx', 'xlsx'));
