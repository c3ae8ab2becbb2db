"""Writes datasets/demo/answerability/{tuning,test}.jsonl from pool_answerability.py (answer-level format; types
answerable and unanswerable, single turn) and unanswerable-absent-terms.json there, after checking every case
against demo-kb/: answerable facts must match a cited source, unanswerable key terms must occur in no KB file.
Split: a group (all phrasings of one question) goes to tuning or test by a seeded hash of its first question
(per type, groups in hash order alternate between the splits)."""
import hashlib, json, pathlib, re, sys
HERE = pathlib.Path(__file__).resolve().parent
OUT = HERE.parent / 'answerability'
KB = HERE.parents[1].parent / 'demo-kb'
exec((HERE / 'pool_answerability.py').read_text(encoding='utf-8'))
SEED = 'unans-20261206'
KB_TEXT = {p: p.read_text(encoding='utf-8') for p in KB.rglob('*') if p.is_file() and p.name not in ('README.md', 'QUESTIONS.md')}
errors = []
def key(group):
    return hashlib.sha256((SEED + group[0][0]).encode()).hexdigest()
# Stratified by type: groups ordered by their seeded hash, alternately tuning and test.
SPLIT = {}
for pool in (ANSWERABLE_A, UNANSWERABLE_A):
    for i, g in enumerate(sorted(pool, key=key)):
        SPLIT[g[0][0]] = 'tuning' if i % 2 == 0 else 'test'
def split_of(group):
    return SPLIT[group[0]]
old = set()
for f in ('answers-tuning.jsonl', 'answers-test.jsonl'):
    for line in (HERE.parent / f).read_text(encoding='utf-8').splitlines():
        old.update(t.strip().lower() for t in json.loads(line)['turns'])
seen = set()
rows = {'tuning': [], 'test': []}
for qs, facts, sources in ANSWERABLE_A:
    for src in sources:
        if not (KB / src).is_file(): errors.append(f'missing source {src}')
    for fact in facts:
        if not any(re.search(fact, (KB / s).read_text(encoding='utf-8'), re.I) for s in sources if (KB / s).is_file()):
            errors.append(f'fact {fact!r} of {qs[0]!r} matches none of {sources}')
    for q in qs:
        rows[split_of(qs)].append({"type": "answerable", "turns": [q], "facts": facts, "sources": sources,
                                   "reference": "; ".join(sources)})
for qs, terms, why in UNANSWERABLE_A:
    for term in terms:
        for p, text in KB_TEXT.items():
            if re.search(term, text, re.I):
                errors.append(f'unanswerable key term {term!r} of {qs[0]!r} occurs in {p.name}')
    for q in qs:
        rows[split_of(qs)].append({"type": "unanswerable", "turns": [q], "facts": [], "sources": [], "reference": why,
                                   "_terms": terms})
absent = {}
for split, prefix in (('tuning', 'at'), ('test', 'ax')):
    OUT.mkdir(exist_ok=True)
    with open(OUT / f'{split}.jsonl', 'w', encoding='utf-8', newline='\n') as f:
        for n, r in enumerate(rows[split], 1):
            q = r['turns'][0].strip().lower()
            if q in seen: errors.append(f'duplicate question {q!r}')
            if q in old: errors.append(f'question copied from answers-*.jsonl: {q!r}')
            seen.add(q)
            r = {"id": f"{prefix}-{n:03d}", **r}
            if '_terms' in r: absent[r['id']] = r.pop('_terms')
            f.write(json.dumps(r, ensure_ascii=False) + '\n')
    c = {t: sum(1 for r in rows[split] if r['type'] == t) for t in ('answerable', 'unanswerable')}
    de = sum(1 for r in rows[split] if re.search(r'[äöüß]|\b(ich|kann|gibt|wie|welche|wann|wird|ist)\b', r['turns'][0]))
    print(split, c, 'German', de)
with open(OUT / 'unanswerable-absent-terms.json', 'w', encoding='utf-8') as f:
    json.dump(absent, f, ensure_ascii=False, indent=1); f.write('\n')
if errors:
    print('\n'.join(errors)); sys.exit(1)
print('OK')
