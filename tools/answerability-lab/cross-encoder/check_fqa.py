"""In-distribution check: does the cross-encoder rank FeedbackQA dev gold passages above BM25 hard negatives better
than the untrained bi-encoder? Also used by train3.py for its checks.

MAX_LEN=128 python3 check_fqa.py [CHECKPOINT]   (pairs of at most MAX_LEN tokens, 192 unless set; default checkpoint:
the first attempt's ce_192_600_2.pt)"""
import os
import random
import sys

import torch

import data
from bert import CrossEncoder, WordPiece, batch, embed
from evaluate import auc

WORK = os.environ.get('CE_WORK', '/tmp/ce')


def dev_pairs(n=150):
    """(question, gold passage, best BM25 passage that is not gold) for n FeedbackQA dev queries, seeded."""
    corpus, queries, qrels = data.load_beir('feedbackqa', 'dev')
    ids = list(corpus)
    bm = data.BM25([corpus[i] for i in ids])
    qs = sorted(qrels)
    random.Random(11).shuffle(qs)
    return [(queries[q], corpus[next(iter(qrels[q]))],
             corpus[next(ids[i] for i in bm.top(queries[q], 5) if ids[i] not in qrels[q])]) for q in qs[:n]]


def report(name, pos, neg):
    print(f'{name} on FeedbackQA dev (gold vs best BM25 non-gold): AUC {auc(pos, neg):.3f}, '
          f'gold higher {sum(a > b for a, b in zip(pos, neg)) / len(pos):.3f}', flush=True)


def bi_encoder(model, tok, dev):
    pos, neg = [], []
    for q, g, h in dev:
        e = embed(model, tok, [q, g, h])
        pos.append(float(e[0] @ e[1]))
        neg.append(float(e[0] @ e[2]))
    return pos, neg


def cross_encoder(model, tok, dev, max_len):
    pos, neg = [], []
    with torch.no_grad():
        for q, g, h in dev:
            s = model(*batch(tok, [(q, g), (q, h)], max_len))
            pos.append(float(s[0]))
            neg.append(float(s[1]))
    return pos, neg


if __name__ == '__main__':
    dev = dev_pairs()
    tok = WordPiece(WORK + '/all-minilm-l6-v2-tokenizer.json')
    base = CrossEncoder(); base.load_onnx(WORK + '/weights.npz', WORK + '/matmul_order.json'); base.eval()
    report('bi-encoder', *bi_encoder(base, tok, dev))
    path = sys.argv[1] if len(sys.argv) > 1 else WORK + '/ce_192_600_2.pt'
    ce = CrossEncoder(); ce.load_state_dict(torch.load(path)); ce.eval()
    report(path.split('/')[-1], *cross_encoder(ce, tok, dev, int(os.environ.get('MAX_LEN', '192'))))
