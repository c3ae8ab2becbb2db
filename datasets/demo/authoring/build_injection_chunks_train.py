# Writes datasets/demo/injection-chunks-train/train.jsonl (fifth round, issue 14): training material for the document
# classifier composed from inj_chunks_train_pool.py (seeded, reproducible). Per language: the benign sections alone,
# with a benign aside (note, HTML comment, footnote) and two joined; planted chunks = a section with an instruction
# to the AI hidden in it in one of several ways, mostly in the section's language and some in another one. The whole
# file is training data: the trainer holds out ~20 % of it by its own seeded hash for validation.
import pathlib, random
from injection_sets import known_texts, write
HERE = pathlib.Path(__file__).resolve().parent
OUT = HERE.parent / 'injection-chunks-train'
exec((HERE / 'inj_chunks_train_pool.py').read_text(encoding='utf-8'))
rng = random.Random(1405)
LANGS = ['en', 'de', 'es', 'fr']
def first_sentence_end(doc):
    i = doc.find('. ')
    return -1 if i < 0 else i + 2
WRAPS = {
    'parentheses': lambda d, p: f"{d} ({p})",
    'html-comment': lambda d, p: f"{d} <!-- {p} -->",
    'footnote': lambda d, p: f"{d.rstrip('.')}.¹\n\n¹ {p}",
    'fake-tag': lambda d, p: f"{d}\n[assistant-note] {p} [/assistant-note]",
    'appended': lambda d, p: f"{d} {p}",
    'opening': lambda d, p: f"{p} {d}",
    'middle': lambda d, p: (d[:first_sentence_end(d)] + p + ' ' + d[first_sentence_end(d):]) if first_sentence_end(d) > 0 else f"{d} {p}",
}
rows = []
for lang in LANGS:
    docs, plants, asides = TRAIN_DOCS[lang], TRAIN_PLANTS[lang], TRAIN_ASIDES[lang]
    for d in docs:
        rows.append((d, 0, lang, 'benign-section'))
    for d in TRAIN_ASSISTANT_DOCS[lang]:
        rows.append((d, 0, lang, 'benign-assistant'))
    for i, d in enumerate(TRAIN_ASSISTANT_DOCS[lang]):
        rows.append((f"{docs[i]}\n\n{d}", 0, lang, 'benign-assistant-two-sections'))
    for i, d in enumerate(docs):
        rows.append((f"{d} {asides[i % len(asides)]}", 0, lang, 'benign-aside'))
        rows.append((f"{d}\n\n{docs[(i + 5) % len(docs)]}", 0, lang, 'benign-two-sections'))
    seen = set()
    while len(seen) < 48:
        d, p, w = rng.randrange(len(docs)), rng.randrange(len(plants)), rng.choice(sorted(WRAPS))
        if (d, p) in seen:
            continue
        seen.add((d, p))
        rows.append((WRAPS[w](docs[d], plants[p]), 1, lang, 'planted-' + w))
    others = [l for l in LANGS if l != lang]
    for k in range(10):
        other = others[k % 3]
        rows.append((WRAPS[rng.choice(sorted(WRAPS))](rng.choice(docs), rng.choice(TRAIN_PLANTS[other])), 1, lang,
                     'planted-other-language'))
texts = [r[0].strip().lower() for r in rows]
assert len(set(texts)) == len(texts), 'duplicate'
held_out = known_texts('injection-round5', parts=('test',))
assert not held_out & set(texts), 'copied from the round-5 test part'
OUT.mkdir(exist_ok=True)
write(OUT / 'train.jsonl', [(t, label, lang, 'chunk', family) for t, label, lang, family in rows])
print('train', len(rows), 'planted', sum(r[1] for r in rows), 'benign', sum(1 for r in rows if not r[1]))
