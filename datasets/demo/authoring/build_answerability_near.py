"""Writes datasets/demo/answerability/near-{tuning,test}.jsonl from pool_answerability_near.py (answer-level format;
answerable and unanswerable, single turn), after checking that every answerable fact matches one of its sources and
that no question repeats one of the other sets. Split: by a seeded hash of the question, per type, groups in hash
order alternating between tuning and test (fixed before any model was run on them)."""
import hashlib, json, pathlib, re, sys
HERE = pathlib.Path(__file__).resolve().parent
OUT = HERE.parent / 'answerability'
KB = HERE.parents[1].parent / 'demo-kb'
exec((HERE / 'pool_answerability_near.py').read_text(encoding='utf-8'))
SEED = 'unans6-20261207'
errors = []
def key(group):
    return hashlib.sha256((SEED + group[0][0]).encode()).hexdigest()
SPLIT = {}
for pool in (ANSWERABLE_N, UNANSWERABLE_N):
    for i, g in enumerate(sorted(pool, key=key)):
        SPLIT[g[0][0]] = 'tuning' if i % 2 == 0 else 'test'
old = set()
for f in ('answers-tuning.jsonl', 'answers-test.jsonl', 'answers-fresh-tuning.jsonl', 'answers-fresh-test.jsonl',
          'answerability/tuning.jsonl', 'answerability/test.jsonl'):
    for line in (HERE.parent / f).read_text(encoding='utf-8').splitlines():
        old.update(t.strip().lower() for t in json.loads(line)['turns'])
rows = {'tuning': [], 'test': []}
for qs, facts, sources in ANSWERABLE_N:
    for fact in facts:
        if not any(re.search(fact, (KB / s).read_text(encoding='utf-8'), re.I) for s in sources):
            errors.append(f'fact {fact!r} of {qs[0]!r} matches none of {sources}')
    for q in qs:
        rows[SPLIT[qs[0]]].append({"type": "answerable", "turns": [q], "facts": facts, "sources": sources,
                                   "reference": "; ".join(sources)})
for qs, why in UNANSWERABLE_N:
    for q in qs:
        rows[SPLIT[qs[0]]].append({"type": "unanswerable", "turns": [q], "facts": [], "sources": [], "reference": why})
for split, cases in rows.items():
    for c in cases:
        if c['turns'][0].strip().lower() in old:
            errors.append(f'repeats another set: {c["turns"][0]!r}')
if errors:
    sys.exit('\n'.join(errors))
for split, cases in rows.items():
    prefix = 'nt' if split == 'tuning' else 'nx'
    with open(OUT / f'near-{split}.jsonl', 'w', encoding='utf-8') as out:
        for i, c in enumerate(cases, 1):
            out.write(json.dumps({"id": f"{prefix}-{i:03d}", **c}, ensure_ascii=False) + '\n')
    print(split, len(cases), sum(c['type'] == 'answerable' for c in cases), 'answerable')
