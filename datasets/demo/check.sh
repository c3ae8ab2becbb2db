#!/bin/sh
# Validates every dataset under datasets/demo against demo-kb (python3 stdlib only).
exec python3 "$(dirname "$0")/check.py" "$@"
