#!/bin/sh
# Regenerates every dataset file under datasets/demo from the hand-written pools in this folder
# (fixed random seeds, so the output and the tuning/test assignment are reproducible), then validates them.
set -e
cd "$(dirname "$0")"
../multiturn-beir/build-corpus.sh
python3 build_answers.py >/dev/null
python3 build_beir_queries.py >/dev/null
python3 build_injection.py >/dev/null
python3 build_injection_fresh.py >/dev/null
python3 build_injection_chunks.py >/dev/null
python3 build_injection_round5.py >/dev/null
python3 build_injection_chunks_train.py >/dev/null
python3 build_injection_indep.py >/dev/null
python3 build_handover.py >/dev/null
python3 build_multiturn_followups.py >/dev/null
python3 build_answerability_near.py >/dev/null
../check.sh
