#!/usr/bin/env bash
# Lays out the BEIR folder `ragctl eval beir` reads: corpus.jsonl regenerated from demo-kb/help-center (python3
# stdlib only) and qrels/<split>.tsv copied from our own judgements/. Both are build output (git-ignored), so no
# BEIR-shaped data file is committed; run this before `bin/ragctl eval beir datasets/demo/multiturn-beir ...`.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
python3 "$HERE/build_corpus.py"
mkdir -p "$HERE/qrels"
cp "$HERE/judgements/tuning.tsv" "$HERE/judgements/test.tsv" "$HERE/qrels/"
