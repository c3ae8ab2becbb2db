#!/usr/bin/env bash
# Lays out the BEIR folder `ragctl eval beir` reads: corpus.jsonl (the same one document per help-center section as
# ../multiturn-beir), queries.jsonl copied from dialogues.jsonl and qrels/<split>.tsv from judgements/. All three
# are build output (git-ignored); run this before `bin/ragctl eval beir datasets/demo/multiturn-followups-beir ...`.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
python3 "$HERE/../multiturn-beir/build_corpus.py"
cp "$HERE/../multiturn-beir/corpus.jsonl" "$HERE/corpus.jsonl"
mkdir -p "$HERE/qrels"
cp "$HERE/dialogues.jsonl" "$HERE/queries.jsonl"
cp "$HERE/judgements/tuning.tsv" "$HERE/judgements/test.tsv" "$HERE/qrels/"
