-- The standalone query retrieval searched for a follow-up question (its earlier turns resolved into it), stored on
-- the user message; null when the question was searched as asked.
ALTER TABLE messages ADD COLUMN standalone_query text;
