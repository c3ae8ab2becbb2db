#!/usr/bin/env python3
"""Writes datasets/demo/answers-fresh-{tuning,test}.jsonl from pool_answers_fresh.py: each case goes to tuning or test
by a seeded hash of its question (stable when cases are added), every fact regex is checked against its sources, and
questions that repeat one of the older answer sets are refused. python3 stdlib only."""
import hashlib, json, pathlib, re, sys
from pool_answers_fresh import FRESH

HERE = pathlib.Path(__file__).resolve().parent
DEMO = HERE.parent
KB = DEMO.parents[1] / "demo-kb"
SEED = "answers-fresh-20261206"
tickets = {t["id"]: t for t in json.loads((KB / "tickets" / "parcelly-tickets.json").read_text())["tickets"]}

def source_text(src):
    path, _, frag = src.partition("#")
    if frag:
        t = tickets[frag]
        return t["subject"] + "\n" + "\n".join(m["body"] for m in t["messages"])
    return (KB / path).read_text()

def words(text):
    return set(re.findall(r"[a-z0-9]+", text.lower()))

older = []
for name in ("answers-tuning.jsonl", "answers-test.jsonl"):
    for line in (DEMO / name).read_text().splitlines():
        older.append(" ".join(json.loads(line)["turns"]))
errors = []
parts = {"tuning": [], "test": []}
seen = set()
for question, facts, sources, reference in FRESH:
    if question.lower() in seen:
        errors.append(f"duplicate: {question}")
    seen.add(question.lower())
    for fact in facts:
        if not any(re.search(fact, source_text(s), re.I) for s in sources):
            errors.append(f"fact {fact!r} not in {sources}: {question}")
    for other in older:
        a, b = words(question), words(other)
        if a and len(a & b) / len(a | b) >= 0.6:
            errors.append(f"too close to an older case: {question!r} ~ {other!r}")
    digest = hashlib.sha256((SEED + "\n" + question).encode()).digest()
    split = "tuning" if digest[0] % 2 == 0 else "test"
    parts[split].append({"type": "answerable", "turns": [question], "facts": facts, "sources": sources,
                         "reference": reference})
if errors:
    print("\n".join(errors), file=sys.stderr)
    sys.exit(1)
for split, prefix in (("tuning", "ft"), ("test", "fx")):
    with open(DEMO / f"answers-fresh-{split}.jsonl", "w") as out:
        for i, case in enumerate(parts[split], 1):
            out.write(json.dumps({"id": f"{prefix}-{i:03d}", **case}, ensure_ascii=False) + "\n")
    print(split, len(parts[split]))
