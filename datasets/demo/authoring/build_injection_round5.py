# Writes datasets/demo/injection-round5/{tuning,test}.jsonl from inj_round5_pool.py (fifth round, issue 14): typed
# messages and retrieved chunks, en/de/es/fr, written before any change to the detector. The split is a seeded hash
# of each text (about half tuning, half test); only the test part is held out.
import hashlib, json, pathlib
HERE = pathlib.Path(__file__).resolve().parent
OUT = HERE.parent / 'injection-round5'
exec((HERE / 'inj_round5_pool.py').read_text(encoding='utf-8'))
SEED = 'round5-2026-12-06'
rows = [(t, 1, l, 'input', f) for t, l, f in R5_INJ_INPUT] + [(t, 1, l, 'chunk', f) for t, l, f in R5_INJ_CHUNK] \
    + [(t, 0, l, 'input', f) for t, l, f in R5_BEN_INPUT] + [(t, 0, l, 'chunk', f) for t, l, f in R5_BEN_CHUNK]
assert len({r[0].strip().lower() for r in rows}) == len(rows), 'duplicate'
older = set()
for folder in ('injection', 'injection-fresh', 'injection-chunks'):
    for name in ('tuning', 'test'):
        for line in (HERE.parent / folder / f'{name}.jsonl').read_text(encoding='utf-8').splitlines():
            older.add(json.loads(line)['text'].strip().lower())
clash = [r[0] for r in rows if r[0].strip().lower() in older]
assert not clash, f'already in an older injection set: {clash}'
def held(text):
    return int(hashlib.sha256((SEED + '\n' + text).encode('utf-8')).hexdigest()[:8], 16) % 100 < 50
OUT.mkdir(exist_ok=True)
parts = {'tuning': [r for r in rows if not held(r[0])], 'test': [r for r in rows if held(r[0])]}
for name, part in parts.items():
    with open(OUT / f'{name}.jsonl', 'w', encoding='utf-8', newline='\n') as f:
        for t, label, lang, where, family in part:
            f.write(json.dumps({'text': t, 'label': label, 'lang': lang, 'where': where, 'family': family},
                               ensure_ascii=False) + '\n')
    print(name, len(part), 'inj', sum(r[1] for r in part), 'chunk-inj', sum(1 for r in part if r[1] and r[3] == 'chunk'),
          'benign', sum(1 for r in part if not r[1]), 'chunk-benign', sum(1 for r in part if not r[1] and r[3] == 'chunk'))
