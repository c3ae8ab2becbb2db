import pathlib
HERE = pathlib.Path(__file__).resolve().parent
OUT = HERE.parent
import json, random, collections, pathlib
exec((HERE / 'pool_answers.py').read_text(encoding='utf-8'))
exec((HERE / 'pool_answers2.py').read_text(encoding='utf-8'))
exec((HERE / 'pool_other.py').read_text(encoding='utf-8'))
rng = random.Random(20261206)
N_ANS = 64

def split_stratified(items, key, n_each):
    groups = collections.defaultdict(list)
    for it in items: groups[key(it)].append(it)
    a, b = [], []
    for k in sorted(groups):
        g = groups[k][:]; rng.shuffle(g)
        first = rng.random() < 0.5
        for i, it in enumerate(g):
            ((a if (i % 2 == 0) == first else b)).append(it)
    for s in (a, b):
        while len(s) > n_each:
            cnt = collections.Counter(key(x) for x in s)
            cands = [x for x in s if cnt[key(x)] >= 2]
            s.remove(rng.choice(cands))
    return a, b

def split_random(items, n_each):
    items = items[:]; rng.shuffle(items)
    return items[:n_each], items[n_each:2 * n_each]

ans = ANSWERABLE + ANSWERABLE2
ans_t, ans_x = split_stratified(ans, lambda e: e[2][0], N_ANS)
un_t, un_x = split_random(UNANSWERABLE, 26)
mt_t, mt_x = split_random(MULTITURN, 15)
nh_t, nh_x = split_random(NO_HANDOVER, 10)
absent = {}
def write(name, prefix, parts):
    n = 0
    with open(OUT / name, 'w', encoding='utf-8', newline='\n') as f:
        for typ, rows in parts:
            for r in rows:
                n += 1
                cid = f"{prefix}-{n:03d}"
                if typ == 'unanswerable':
                    q, terms, why = r
                    obj = {"id": cid, "type": typ, "turns": [q], "facts": [], "sources": [], "reference": why}
                    absent[cid] = terms
                elif typ == 'no_handover':
                    q, facts, sources, ref = r
                    obj = {"id": cid, "type": typ, "turns": [q], "facts": facts, "sources": sources, "reference": ref}
                else:
                    turns, facts, sources, ref = r
                    obj = {"id": cid, "type": typ, "turns": turns, "facts": facts, "sources": sources, "reference": ref}
                f.write(json.dumps(obj, ensure_ascii=False) + "\n")
    print(name, n)
write('answers-tuning.jsonl', 't', [('answerable', ans_t), ('unanswerable', un_t), ('multiturn', mt_t), ('no_handover', nh_t)])
write('answers-test.jsonl', 'x', [('answerable', ans_x), ('unanswerable', un_x), ('multiturn', mt_x), ('no_handover', nh_x)])
with open(OUT / 'unanswerable-absent-terms.json', 'w', encoding='utf-8') as f:
    json.dump(absent, f, ensure_ascii=False, indent=1); f.write("\n")
pages = lambda rows: collections.Counter(r[2][0].split('/')[-1].split('#')[0] for r in rows)
print(sorted(pages(ans_t).items())); print(sorted(pages(ans_x).items()))
