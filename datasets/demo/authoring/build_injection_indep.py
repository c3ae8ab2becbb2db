# Writes datasets/demo/injection-indep/{validation,test}.jsonl from inj_indep_pool.py (issue 14, helper inject5):
# BENIGN document sections in voices unlike the training chunks (release notes, API references, forum posts,
# customer e-mails quoting errors, status pages, terms, IT notices, AI product pages, prompt-writing guides...),
# en/de/es/fr. The four languages hold sections on the same topics, so the split is by topic (genre + its n-th
# section), not by text: a translation never sits on the other side. ~50 % validation (the trainer sets the chunk
# threshold against it and never trains on it), ~50 % test (evaluated once, at the end).
import collections, pathlib
from injection_sets import held, known_texts, write
HERE = pathlib.Path(__file__).resolve().parent
OUT = HERE.parent / 'injection-indep'
exec((HERE / 'inj_indep_pool.py').read_text(encoding='utf-8'))
SEED = 'indep-2026-12-07f'  # the first of seeds a..f giving 60/60 (chosen on counts, before any score)
assert len({t.strip().lower() for _, _, t in IND_BEN}) == len(IND_BEN), 'duplicate'
older = known_texts('injection', 'injection-fresh', 'injection-chunks', 'injection-round5')
clash = [t for _, _, t in IND_BEN if t.strip().lower() in older]
assert not clash, f'already in an older injection set: {clash}'
seen = collections.Counter()
rows = {'validation': [], 'test': []}
for lang, genre, text in IND_BEN:
    seen[(lang, genre)] += 1
    topic = f'{genre}#{seen[(lang, genre)]}'
    part = 'test' if held(SEED, topic, 50) else 'validation'
    rows[part].append((text, 0, lang, 'chunk', 'benign-' + genre))
OUT.mkdir(exist_ok=True)
for name, part in rows.items():
    write(OUT / f'{name}.jsonl', part)
    print(name, len(part), dict(collections.Counter(r[2] for r in part)))
