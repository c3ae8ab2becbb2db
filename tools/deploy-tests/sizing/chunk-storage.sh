#!/usr/bin/env bash
# PostgreSQL storage per chunk (docs/deployment.md, "PostgreSQL size and HNSW memory per million chunks"):
# builds N chunks shaped like retrieval.chunks (help-center text of demo-kb/, a unit 384-d vector, the generated
# tsvector, HNSW m 16 / ef_construction 64, GIN) in scratch tables of the given database and prints their sizes.
#   tools/deploy-tests/sizing/chunk-storage.sh [ROWS] -- psql connection options (default: -h 127.0.0.1 -U supportrag -d supportrag)
# Needs the vector extension in the database; drops its scratch tables (sz_*) at the end.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)
ROWS=${1:-50000}
shift || true
[ "${1:-}" = "--" ] && shift
[ $# -gt 0 ] || set -- -h 127.0.0.1 -U supportrag -d supportrag
words=$(mktemp)
trap 'rm -f "$words"' EXIT
find "$ROOT/demo-kb" -name '*.md' -print0 | sort -z | xargs -0 cat | grep -oE "[A-Za-z']+" > "$words"
psql "$@" -v ON_ERROR_STOP=1 -q <<SQL
drop table if exists sz_chunks; drop table if exists sz_words;
create table sz_words(i serial primary key, w text);
\copy sz_words(w) from '$words'
create table sz_chunks (
  id uuid primary key default gen_random_uuid(),
  tenant_id text not null default 'tenant-a', knowledge_base text not null default 'default',
  document_id uuid not null default gen_random_uuid(), title text, section_path text, content text not null,
  metadata jsonb not null default '{"kind":"markdown","source":"help-center/some-article.md"}',
  embedding vector(384) not null,
  content_tsv tsvector generated always as (setweight(to_tsvector('english', coalesce(title,'')),'A')
    || setweight(to_tsvector('english', coalesce(section_path,'')),'B') || setweight(to_tsvector('english', content),'C')) stored);
-- 400 passages of 210 words (~1,200 characters: a 300-token chunk), numbered so that no two texts are equal; a
-- random unit vector per row (identical vectors would share HNSW elements and shrink the index).
create temp table passages as select p, (select string_agg(w, ' ' order by i) from sz_words
  where i between p * 40 + 1 and p * 40 + 210) as text from generate_series(0, 399) p;
insert into sz_chunks(title, section_path, content, embedding)
select 'Article ' || g, 'Section > Sub ' || (g % 7), 'Chunk ' || g || ': ' || p.text,
       l2_normalize((select array_agg(random() - 0.5) from generate_series(1, 384 + 0 * s.g))::vector(384))
from generate_series(1, $ROWS) s(g) join passages p on p.p = s.g % 400;
create index on sz_chunks using gin (content_tsv);
set maintenance_work_mem = '512MB';
create index sz_hnsw on sz_chunks using hnsw (embedding vector_cosine_ops) with (m = 16, ef_construction = 64);
\pset footer off
select count(*) as rows, avg(length(content))::int as avg_chars,
  round(pg_relation_size('sz_chunks')::numeric / count(*)) as heap_bytes_per_chunk,
  round((pg_table_size('sz_chunks') - pg_relation_size('sz_chunks'))::numeric / count(*)) as toast_bytes_per_chunk,
  round(pg_relation_size('sz_hnsw')::numeric / count(*)) as hnsw_bytes_per_chunk,
  round((pg_indexes_size('sz_chunks') - pg_relation_size('sz_hnsw'))::numeric / count(*)) as other_index_bytes_per_chunk,
  round(pg_total_relation_size('sz_chunks')::numeric / count(*)) as total_bytes_per_chunk
from sz_chunks;
drop table sz_chunks; drop table sz_words;
SQL
