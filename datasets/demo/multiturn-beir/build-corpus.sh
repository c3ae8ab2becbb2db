#!/bin/sh
# Regenerates corpus.jsonl from demo-kb/help-center (python3 stdlib only).
exec python3 "$(dirname "$0")/build_corpus.py"
