-- Token buckets are counters, not records: unlogged, so a request's bucket update commits without waiting for a WAL
-- flush (issue 18: up to three synchronous commits per chat request were on its time to first token, 4-40 ms each on
-- a busy disk). A clean restart (pg_ctl stop/restart, a rolling upgrade) keeps them; after a PostgreSQL crash, or on a
-- promoted standby, they start full again, which admits at most one period's extra requests per bucket.
ALTER TABLE rate_limit_buckets SET UNLOGGED;
