"""In-distribution check: does the cross-encoder rank FeedbackQA dev gold passages above BM25 hard negatives better
than the untrained bi-encoder?"""
import os
import random

import torch

import data
from bert import CrossEncoder, WordPiece, batch, embed
from evaluate import auc

WORK = os.environ.get('CE_WORK', '/tmp/ce')
rng = random.Random(11)
corpus, queries, qrels = data.load_beir('feedbackqa', 'dev')
ids = list(corpus); bm = data.BM25([corpus[i] for i in ids])
qs = sorted(qrels); rng.shuffle(qs); qs = qs[:150]
tok = WordPiece(WORK + '/all-minilm-l6-v2-tokenizer.json')
base = CrossEncoder(); base.load_onnx(WORK + '/weights.npz', WORK + '/matmul_order.json'); base.eval()
ce = CrossEncoder(); ce.load_state_dict(torch.load(WORK + '/ce_192_600_2.pt')); ce.eval()
pos_ce, neg_ce, pos_d, neg_d = [], [], [], []
with torch.no_grad():
    for q in qs:
        gold = next(iter(qrels[q])); hard = next(ids[i] for i in bm.top(queries[q], 5) if ids[i] not in qrels[q])
        s = ce(*batch(tok, [(queries[q], corpus[gold]), (queries[q], corpus[hard])], 192))
        pos_ce.append(float(s[0])); neg_ce.append(float(s[1]))
        e = embed(base, tok, [queries[q], corpus[gold], corpus[hard]])
        pos_d.append(float(e[0] @ e[1])); neg_d.append(float(e[0] @ e[2]))
print('FeedbackQA dev, gold vs best BM25 non-gold: CE AUC %.3f, bi-encoder AUC %.3f' % (auc(pos_ce, neg_ce), auc(pos_d, neg_d)))
print('pairwise wins: CE %.3f, bi-encoder %.3f' % (sum(a > b for a, b in zip(pos_ce, neg_ce)) / len(qs), sum(a > b for a, b in zip(pos_d, neg_d)) / len(qs)))
