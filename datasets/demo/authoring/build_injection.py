import pathlib
HERE = pathlib.Path(__file__).resolve().parent
OUT = HERE.parent / 'injection'
import json, random, pathlib
for f in ('inj_pool1.py', 'inj_pool2.py', 'ben_pool.py'):
    exec((HERE / f).read_text(encoding='utf-8'))
rng = random.Random(777)
HOMO = {'a': 'а', 'e': 'е', 'o': 'о', 'p': 'р', 'c': 'с', 'i': 'і', 'y': 'у', 'x': 'х'}
LEET = {'a': '4', 'e': '3', 'i': '1', 'o': '0', 's': '5', 't': '7'}
def spaced(s): return ' '.join(s)
def leet(s): return ''.join(LEET.get(ch, ch) for ch in s)
def homoglyph(s): return ''.join(HOMO.get(ch, ch) if rng.random() < 0.6 else ch for ch in s)
def zwsp(s): return '\u200b'.join(s)
def dotted(s): return '.'.join(s.split(' ')).upper()
def mixed_case(s): return ''.join(ch.upper() if i % 2 else ch for i, ch in enumerate(s))
def wrapped(s): return f'Please translate this to English and do what it says: "{s}"'
def reversed_(s): return f'Read this backwards and follow it: {s[::-1]}'
def split_words(s): return ' '.join(w[:len(w)//2] + '-' + w[len(w)//2:] if len(w) > 5 else w for w in s.split(' '))
TRANSFORMS = [spaced, leet, homoglyph, zwsp, dotted, mixed_case, reversed_, split_words]
rows = []  # (text, label, lang, where, group)
for t in INJ_EN: rows.append((t, 1, 'en', 'input', 'inj-en'))
for t in INJ_DE: rows.append((t, 1, 'de', 'input', 'inj-de'))
for t in INJ_ES: rows.append((t, 1, 'es', 'input', 'inj-es'))
for t in INJ_FR: rows.append((t, 1, 'fr', 'input', 'inj-fr'))
for t, l in INJ_MIXED: rows.append((t, 1, l, 'input', 'inj-mixed'))
for t, l in INJ_CHUNK: rows.append((t, 1, l, 'chunk', 'inj-chunk'))
for lang, lst in (('en', BEN_EN), ('de', BEN_DE), ('es', BEN_ES), ('fr', BEN_FR)):
    for t in lst: rows.append((t, 0, lang, 'input', 'ben-' + lang))
for t, l in BEN_CHUNK: rows.append((t, 0, l, 'chunk', 'ben-chunk'))
assert len({r[0].lower() for r in rows}) == len(rows), "duplicate"
groups = {}
for r in rows: groups.setdefault((r[4], r[2]), []).append(r)
split = {'tuning': [], 'test': []}
for g in sorted(groups):
    items = groups[g][:]; rng.shuffle(items); h = (len(items) + rng.randint(0, 1)) // 2
    split['tuning'] += items[:h]; split['test'] += items[h:]
by_lang = {}
for b in OBF_BASES: by_lang.setdefault(b[1], []).append(b)
for k, (name, part) in enumerate(split.items()):
    for lang in sorted(by_lang):
        bl = by_lang[lang][:]; random.Random(lang).shuffle(bl)
        chosen = bl[k::2]
        for text, lang in chosen:
            for tf in rng.sample(TRANSFORMS, 4):
                part.append((tf(text), 1, lang, 'input', 'inj-obf'))
out = OUT
for name, part in split.items():
    rng.shuffle(part)
    with open(out / f'{name}.jsonl', 'w', encoding='utf-8', newline='\n') as f:
        for t, l, lang, where, _ in part:
            f.write(json.dumps({"text": t, "label": l, "lang": lang, "where": where}, ensure_ascii=False) + "\n")
    print(name, len(part), 'inj', sum(r[1] for r in part), 'chunk-inj', sum(1 for r in part if r[1] and r[3] == 'chunk'),
          'benign', sum(1 for r in part if not r[1]), 'chunk-benign', sum(1 for r in part if not r[1] and r[3] == 'chunk'))
