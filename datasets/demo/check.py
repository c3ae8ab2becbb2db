#!/usr/bin/env python3
"""Validates the demo evaluation datasets against demo-kb/ (stdlib only). Exit code 1 on any error."""
import collections
import csv
import io
import json
import pathlib
import re
import sys

HERE = pathlib.Path(__file__).resolve().parent
KB = HERE.parents[1] / "demo-kb"
SHARED_INJECTIONS = HERE.parents[1].parent / "shared" / "datasets" / "prompt-injection" / "train.jsonl"
errors, warnings = [], []


def err(msg): errors.append(msg)


def read_jsonl(path):
    rows = []
    if not path.exists():
        err(f"missing {path.relative_to(HERE)}"); return rows
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            err(f"{path.name}:{n}: empty line"); continue
        try:
            rows.append(json.loads(line))
        except json.JSONDecodeError as e:
            err(f"{path.name}:{n}: {e}")
    return rows


tickets = {t["id"]: t for t in json.loads((KB / "tickets" / "parcelly-tickets.json").read_text(encoding="utf-8"))["tickets"]}


def source_text(src):
    path, _, frag = src.partition("#")
    f = KB / path
    if not f.is_file():
        return None
    if frag:
        if path != "tickets/parcelly-tickets.json" or frag not in tickets:
            return None
        t = tickets[frag]
        return t["subject"] + "\n" + "\n".join(m["body"] for m in t["messages"])
    return f.read_text(encoding="utf-8")


KB_FILES = [p for p in KB.rglob("*") if p.is_file() and p.name not in ("README.md", "QUESTIONS.md")]
KB_TEXT = {p: p.read_text(encoding="utf-8") for p in KB_FILES}

# --- answer-level datasets
TYPES = {"answerable", "multiturn", "unanswerable", "no_handover"}
absent = json.loads((HERE / "unanswerable-absent-terms.json").read_text(encoding="utf-8"))
ids = set()
counts = {}
for name in ("answers-tuning.jsonl", "answers-test.jsonl"):
    rows = read_jsonl(HERE / name)
    counts[name] = collections.Counter(r.get("type") for r in rows)
    for r in rows:
        cid = r.get("id")
        if cid in ids: err(f"{name}: duplicate id {cid}")
        ids.add(cid)
        typ = r.get("type")
        if typ not in TYPES: err(f"{cid}: bad type {typ}")
        turns = r.get("turns") or []
        if not turns or not all(isinstance(t, str) and t.strip() for t in turns): err(f"{cid}: empty turns")
        if typ == "multiturn" and not 2 <= len(turns) <= 3: err(f"{cid}: multiturn needs 2-3 turns")
        if typ != "multiturn" and len(turns) != 1: err(f"{cid}: {typ} must be single-turn")
        facts, sources = r.get("facts") or [], r.get("sources") or []
        texts = []
        for s in sources:
            t = source_text(s)
            if t is None: err(f"{cid}: source does not exist: {s}")
            else: texts.append(t)
        for fact in facts:
            try:
                rx = re.compile(fact, re.IGNORECASE)
            except re.error as e:
                err(f"{cid}: bad regex {fact!r}: {e}"); continue
            if typ in ("answerable", "multiturn", "no_handover") and not any(rx.search(t) for t in texts):
                err(f"{cid}: fact {fact!r} matches none of its sources {sources}")
        if typ in ("answerable", "multiturn") and (not facts or not sources):
            err(f"{cid}: {typ} needs facts and sources")
        if typ in ("answerable", "multiturn") and facts and all(re.search(f, turns[-1], re.I) for f in facts):
            warnings.append(f"{cid}: every fact already matches the question itself")
        if typ == "unanswerable":
            terms = absent.get(cid)
            if not terms: err(f"{cid}: no absent-term list in unanswerable-absent-terms.json"); continue
            for term in terms:
                rx = re.compile(term, re.IGNORECASE)
                for p, text in KB_TEXT.items():
                    m = rx.search(text)
                    if m: err(f"{cid}: key term {term!r} occurs in {p.relative_to(KB)}: {m.group(0)!r}")
for cid in absent:
    if cid not in ids: err(f"unanswerable-absent-terms.json: unknown id {cid}")

# --- multi-turn BEIR (multiturn-chitchat-beir has the dialogues of multiturn-followups-beir and their judgements)
import subprocess
beir_counts = {}
for beir_name, judgements_of in (("multiturn-beir", "multiturn-beir"), ("multiturn-followups-beir", "multiturn-followups-beir"),
                                 ("multiturn-chitchat-beir", "multiturn-followups-beir")):
    beir = HERE / beir_name
    subprocess.run(["bash", str(beir / "build-corpus.sh")], check=True)
    corpus = read_jsonl(beir / "corpus.jsonl")
    doc_ids = [d["_id"] for d in corpus]
    if len(doc_ids) != len(set(doc_ids)): err(f"{beir_name}/corpus.jsonl: duplicate _id")
    queries = read_jsonl(beir / "queries.jsonl")
    qids = [q["_id"] for q in queries]
    if len(qids) != len(set(qids)): err(f"{beir_name}/queries.jsonl: duplicate _id")
    for q in queries:
        ctx = (q.get("metadata") or {}).get("context")
        if not q.get("text") or not isinstance(ctx, list) or not ctx:
            err(f"{q['_id']}: needs text and a non-empty metadata.context"); continue
        for turn in ctx:
            if turn.get("speaker") not in ("U", "S") or not turn.get("text"): err(f"{q['_id']}: bad context turn {turn}")
    judged = collections.Counter()
    qrel_counts = {}
    for split in ("tuning", "test"):
        f = HERE / judgements_of / "judgements" / f"{split}.tsv"
        if not f.exists():
            err(f"missing {judgements_of}/judgements/{f.name}"); continue
        lines = f.read_text(encoding="utf-8").splitlines()
        if lines[0] != "query-id\tcorpus-id\tscore": err(f"{f.name}: bad header")
        qs = set()
        for line in lines[1:]:
            qid, did, score = line.split("\t")
            if qid not in qids: err(f"{beir_name}/{f.name}: unknown query {qid}")
            if did not in doc_ids: err(f"{beir_name}/{f.name}: unknown doc {did}")
            if int(score) < 1: err(f"{f.name}: score must be >= 1")
            qs.add(qid)
        for qid in qs: judged[qid] += 1
        qrel_counts[split] = len(qs)
    for qid in qids:
        if judged[qid] != 1: err(f"{beir_name}: query {qid} is judged in {judged[qid]} qrels files (must be exactly 1)")
    beir_counts[beir_name] = (len(corpus), len(queries), qrel_counts)

# --- classification sets
shared = set()
if SHARED_INJECTIONS.exists():
    shared = {json.loads(l)["text"].strip().lower() for l in SHARED_INJECTIONS.read_text(encoding="utf-8").splitlines() if l.strip()}
cls_counts = {}
for folder, langs, extra in (("injection", {"en", "de", "es", "fr"}, True), ("injection-fresh", {"en", "de", "es", "fr"}, True),
                             ("injection-chunks", {"en", "de", "es", "fr"}, True), ("injection-round5", {"en", "de", "es", "fr"}, True),
                             ("injection-indep", {"en", "de", "es", "fr"}, True), ("handover", {"en", "de"}, False)):
    seen = {}
    # The independent benign sections have no tuning part: their validation half only sets the chunk threshold.
    for split in (("validation", "test") if folder == "injection-indep" else ("tuning", "test")):
        f = HERE / folder / f"{split}.jsonl"
        if not f.exists():
            err(f"missing {folder}/{f.name}"); continue
        rows = read_jsonl(f)
        cls_counts[f"{folder}/{split}"] = collections.Counter(
            (r.get("label"), r.get("lang")) + ((r.get("where"),) if extra else ()) for r in rows)
        for r in rows:
            text = (r.get("text") or "").strip()
            if not text: err(f"{folder}/{split}: empty text")
            if r.get("label") not in (0, 1): err(f"{folder}/{split}: bad label in {text[:40]!r}")
            if r.get("lang") not in langs: err(f"{folder}/{split}: bad lang in {text[:40]!r}")
            if extra and r.get("where") not in ("input", "chunk"): err(f"{folder}/{split}: bad where in {text[:40]!r}")
            key = text.lower()
            if key in seen: err(f"{folder}: duplicate text ({seen[key]} and {split}): {text[:60]!r}")
            seen[key] = split
            if key in shared: err(f"{folder}/{split}: copied from the shared training set: {text[:60]!r}")

for w in warnings: print("warning:", w)
for name, c in counts.items(): print(name, dict(c), sum(c.values()))
for beir_name, (n_corpus, n_queries, qrel_counts) in beir_counts.items():
    print(f"{beir_name}: corpus", n_corpus, "queries", n_queries, "qrels", qrel_counts)
for k, c in sorted(cls_counts.items()):
    print(k, sum(c.values()), dict(sorted(c.items(), key=str)))
for e in errors: print("ERROR:", e)
print("OK" if not errors else f"{len(errors)} errors")
sys.exit(1 if errors else 0)
