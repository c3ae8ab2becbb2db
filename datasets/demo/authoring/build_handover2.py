"""Writes datasets/demo/handover/fresh-{tuning,test}.jsonl from pool_handover2.py: per label and language, texts in
seeded-hash order alternate between tuning and test. Checks that no text repeats the older handover sets."""
import hashlib, json, pathlib, sys
HERE = pathlib.Path(__file__).resolve().parent
OUT = HERE.parent / 'handover'
exec((HERE / 'pool_handover2.py').read_text(encoding='utf-8'))
SEED = 'unans-handover-20261206'
old = set()
for f in ('tuning.jsonl', 'test.jsonl'):
    old.update(json.loads(l)['text'].strip().lower() for l in (OUT / f).read_text(encoding='utf-8').splitlines())
ours = HERE.parents[2] / 'generation-service/src/test/resources/handover/train.jsonl'
old.update(json.loads(l)['text'].strip().lower() for l in ours.read_text(encoding='utf-8').splitlines() if l.strip())
parts = {'tuning': [], 'test': []}
errors = []
seen = set()
for rows, label, lang in ((POS_EN, 1, 'en'), (POS_DE, 1, 'de'), (NEG_EN, 0, 'en'), (NEG_DE, 0, 'de')):
    for i, t in enumerate(sorted(rows, key=lambda t: hashlib.sha256((SEED + t).encode()).hexdigest())):
        k = t.strip().lower()
        if k in old or k in seen: errors.append(f'repeated: {t}')
        seen.add(k)
        parts['tuning' if i % 2 == 0 else 'test'].append({"text": t, "label": label, "lang": lang})
for name, rows in parts.items():
    with open(OUT / f'fresh-{name}.jsonl', 'w', encoding='utf-8', newline='\n') as f:
        for r in rows: f.write(json.dumps(r, ensure_ascii=False) + '\n')
    print(name, len(rows), 'requests', sum(r['label'] for r in rows))
if errors: print('\n'.join(errors)); sys.exit(1)
