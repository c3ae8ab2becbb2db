# Writes datasets/demo/injection-fresh/{tuning,test}.jsonl from inj_fresh_pool.py. The split is a seeded hash of each
# text (about 60 % tuning, 40 % test), so adding texts later leaves the others on their side.
import pathlib
from injection_sets import held, known_texts, write
HERE = pathlib.Path(__file__).resolve().parent
OUT = HERE.parent / 'injection-fresh'
exec((HERE / 'inj_fresh_pool.py').read_text(encoding='utf-8'))
SEED = 'fresh-2026-12-06'
rows = [(t, 1, l, 'input', f) for t, l, f in FRESH_INJ_INPUT] + [(t, 1, l, 'chunk', f) for t, l, f in FRESH_INJ_CHUNK] \
    + [(t, 0, l, 'input', f) for t, l, f in FRESH_BEN_INPUT] + [(t, 0, l, 'chunk', f) for t, l, f in FRESH_BEN_CHUNK]
assert len({r[0].strip().lower() for r in rows}) == len(rows), 'duplicate'
older = known_texts('injection')
clash = [r[0] for r in rows if r[0].strip().lower() in older]
assert not clash, f'already in the first injection set: {clash}'
OUT.mkdir(exist_ok=True)
parts = {'tuning': [r for r in rows if not held(SEED, r[0], 40)], 'test': [r for r in rows if held(SEED, r[0], 40)]}
for name, part in parts.items():
    write(OUT / f'{name}.jsonl', part)
    print(name, len(part), 'inj', sum(r[1] for r in part), 'chunk-inj', sum(1 for r in part if r[1] and r[3] == 'chunk'),
          'benign', sum(1 for r in part if not r[1]), 'chunk-benign', sum(1 for r in part if not r[1] and r[3] == 'chunk'))
