#!/usr/bin/env bash
# Lays out the BEIR folder `ragctl eval beir` reads: corpus.jsonl (the same one document per help-center section as
# ../multiturn-beir), queries.jsonl copied from dialogues.jsonl (the dialogues of ../multiturn-followups-beir with
# a polite exchange before the follow-up) and qrels/<split>.tsv from ../multiturn-followups-beir/judgements/. All
# three are build output (git-ignored); run this before `bin/ragctl eval beir datasets/demo/multiturn-chitchat-beir ...`.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
python3 "$HERE/../multiturn-beir/build_corpus.py"
cp "$HERE/../multiturn-beir/corpus.jsonl" "$HERE/corpus.jsonl"
mkdir -p "$HERE/qrels"
cp "$HERE/dialogues.jsonl" "$HERE/queries.jsonl"
cp "$HERE/../multiturn-followups-beir/judgements/tuning.tsv" "$HERE/../multiturn-followups-beir/judgements/test.tsv" "$HERE/qrels/"
