"""Answerable vs unanswerable on the demo tuning cases: AUC and recall at precision >= 0.9 per signal."""
import json
import sys

import torch

from bert import CrossEncoder, WordPiece, batch, embed
import data

import os

WORK = os.environ.get('CE_WORK', '/tmp/ce')
FILES = os.environ.get('EVAL_FILES', 'answerability/tuning.jsonl,answerability/near-tuning.jsonl,answers-tuning.jsonl').split(',')


def auc(pos, neg):
    # P(score of an answerable case > score of an unanswerable one)
    return sum((p > n) + 0.5 * (p == n) for p in pos for n in neg) / (len(pos) * len(neg))


def recall_at_precision(ans, unans, target=0.9):
    # decline when score < t; best recall of unanswerable with precision >= target
    best = (0.0, None, 0.0)
    for t in sorted(set(ans + unans)):
        caught = sum(s <= t for s in unans)
        wrong = sum(s <= t for s in ans)
        if caught and caught / (caught + wrong) >= target and caught / len(unans) > best[0]:
            best = (caught / len(unans), t, wrong / len(ans))
    return best


def report(name, cases, scores):
    ans = [s for c, s in zip(cases, scores) if c['type'] == 'answerable']
    un = [s for c, s in zip(cases, scores) if c['type'] == 'unanswerable']
    r, t, w = recall_at_precision(ans, un)
    print(f'{name:28s} n={len(ans)}+{len(un)} AUC {auc(ans, un):.3f}  recall@p0.9 {r:.3f} (answerable below {w:.3f})')


def english(case):
    t = case['turns'][0].lower()
    return not any(w in t.split() for w in ('ich', 'wie', 'kann', 'der', 'die', 'das', 'ist', 'gibt', 'mein', 'meine', 'wir', 'es', 'und', 'ein', 'eine', 'was', 'wo', 'welche', 'bei', 'für', 'mit'))


if __name__ == '__main__':
    tok = WordPiece(WORK + '/all-minilm-l6-v2-tokenizer.json')
    chunks = data.kb_chunks()
    bm = data.BM25([c[1] for c in chunks])
    cases = data.demo_cases(FILES)
    top = [bm.top(c['turns'][0], 5) for c in cases]
    base = CrossEncoder()
    base.load_onnx(WORK + '/weights.npz', WORK + '/matmul_order.json')
    base.eval()
    vecs = embed(base, tok, [c[1] for c in chunks])
    q = embed(base, tok, [c['turns'][0] for c in cases])
    dense = [max([float(q[i] @ vecs[j]) for j in t] or [0.0]) for i, t in enumerate(top)]
    en = [english(c) for c in cases]
    sub = lambda xs: [x for x, e in zip(xs, en) if e]
    report('dense max (bi-encoder)', cases, dense)
    report('  english only', sub(cases), sub(dense))
    for path in sys.argv[1:]:
        model = CrossEncoder()
        model.load_state_dict(torch.load(path))
        model.eval()
        scores = []
        with torch.no_grad():
            for c, t in zip(cases, top):
                if not t:
                    scores.append(-10.0)
                    continue
                ids, types, att = batch(tok, [(c['turns'][0], chunks[j][1]) for j in t], 256)
                scores.append(float(model(ids, types, att).max()))
        report(path.split('/')[-1], cases, scores)
        report('  english only', sub(cases), sub(scores))
        report('  + 3 x bi-encoder cosine', cases, [a + 3 * b for a, b in zip(scores, dense)])
        json.dump([{'id': c['id'], 'type': c['type'], 'ce': s, 'dense': d} for c, s, d in zip(cases, scores, dense)],
                  open(path + '.scores.json', 'w'))
