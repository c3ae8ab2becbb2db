# Shared by the injection set builders: what older sets already hold, the seeded-hash split, the JSONL layout.
import hashlib, json, pathlib

DEMO = pathlib.Path(__file__).resolve().parent.parent


def known_texts(*folders, parts=('tuning', 'test')):
    """Lower-cased texts of the given parts of older sets, so a new set can assert it copies none of them."""
    texts = set()
    for folder in folders:
        for name in parts:
            for line in (DEMO / folder / f'{name}.jsonl').read_text(encoding='utf-8').splitlines():
                texts.add(json.loads(line)['text'].strip().lower())
    return texts


def held(seed, text, percent):
    """True for about `percent` % of texts, by a seeded hash: adding texts later leaves the others on their side."""
    return int(hashlib.sha256((seed + '\n' + text).encode('utf-8')).hexdigest()[:8], 16) % 100 < percent


def write(path, rows):
    """One line per (text, label, lang, where, family)."""
    with open(path, 'w', encoding='utf-8', newline='\n') as f:
        for t, label, lang, where, family in rows:
            f.write(json.dumps({'text': t, 'label': label, 'lang': lang, 'where': where, 'family': family},
                               ensure_ascii=False) + '\n')
