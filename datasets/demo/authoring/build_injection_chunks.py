# Writes datasets/demo/injection-chunks/{tuning,test}.jsonl (fourth round, issue 14): help-center-like document
# chunks only. The test part (inj_chunks_test_pool.py) was written in one go before any change to the detector; the
# tuning part (inj_chunks_tuning_pool.py, mostly benign help pages, FAQ, assistant/AI sections, privacy and
# developer pages in en/de/es/fr) was written afterwards on other topics and wordings.
import pathlib
from injection_sets import known_texts, write
HERE = pathlib.Path(__file__).resolve().parent
OUT = HERE.parent / 'injection-chunks'
exec((HERE / 'inj_chunks_test_pool.py').read_text(encoding='utf-8'))
tuning_pool = HERE / 'inj_chunks_tuning_pool.py'
CHUNKS_TUNING_BENIGN, CHUNKS_TUNING_PLANTED = [], []
if tuning_pool.exists():
    exec(tuning_pool.read_text(encoding='utf-8'))
parts = {
    'test': [(t, 0, l, f) for t, l, f in CHUNKS_TEST_BENIGN] + [(t, 1, l, f) for t, l, f in CHUNKS_TEST_PLANTED],
    'tuning': [(t, 0, l, f) for t, l, f in CHUNKS_TUNING_BENIGN] + [(t, 1, l, f) for t, l, f in CHUNKS_TUNING_PLANTED],
}
everything = [r[0].strip().lower() for p in parts.values() for r in p]
assert len(set(everything)) == len(everything), 'duplicate'
older = known_texts('injection', 'injection-fresh')
clash = [t for t in everything if t in older]
assert not clash, f'already in an older injection set: {clash}'
OUT.mkdir(exist_ok=True)
for name, part in parts.items():
    write(OUT / f'{name}.jsonl', [(t, label, lang, 'chunk', family) for t, label, lang, family in part])
    print(name, len(part), 'planted', sum(r[1] for r in part), 'benign', sum(1 for r in part if not r[1]))
