#!/usr/bin/env bash
# Lays out the BEIR folder `ragctl eval beir` reads: corpus.jsonl regenerated from demo-kb/help-center (python3
# stdlib only), queries.jsonl copied from our own dialogues.jsonl and qrels/<split>.tsv from our own judgements/.
# All three are build output (git-ignored), so no
# BEIR-shaped data file is committed; run this before `bin/ragctl eval beir datasets/demo/multiturn-beir ...`.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
python3 "$HERE/build_corpus.py"
mkdir -p "$HERE/qrels"
cp "$HERE/dialogues.jsonl" "$HERE/queries.jsonl"
cp "$HERE/judgements/tuning.tsv" "$HERE/judgements/test.tsv" "$HERE/qrels/"
