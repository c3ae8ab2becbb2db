"""Second attempt, as benchmarks.md asked: all six layers trained, a listwise loss per query (the gold passage against
its BM25 hard negatives and a random one, softmax cross-entropy) plus a pointwise term so the score keeps an absolute
meaning, shorter pairs (128 tokens) to afford more steps. Checks itself on FeedbackQA dev every EVAL_EVERY steps
against the untrained bi-encoder (the check_fqa.py comparison), and keeps the checkpoint of each check.

python3 train3.py STEPS [QUERIES_PER_STEP]   (about 4.8 s per step of 8 queries on the 2 cores)"""
import json
import os
import random
import sys
import time

import torch

import data
from bert import CrossEncoder, WordPiece, listwise_step
import check_fqa

WORK = os.environ.get('CE_WORK', '/tmp/ce')
STEPS = int(sys.argv[1]) if len(sys.argv) > 1 else 1500
QPS = int(sys.argv[2]) if len(sys.argv) > 2 else 8
EVAL_EVERY = int(os.environ.get('EVAL_EVERY', '250'))
HARD = int(os.environ.get('HARD', '2'))  # hard negatives per query in training (of the three kept)
MAX_LEN = 128
torch.manual_seed(7)
rng = random.Random(7)


def groups(name, split, negatives=3):
    corpus, queries, qrels = data.load_beir(name, split)
    ids = list(corpus)
    bm = data.BM25([corpus[i] for i in ids])
    out = []
    for q in sorted(qrels):
        gold = sorted(qrels[q])
        hard = [ids[i] for i in bm.top(queries[q], 12) if ids[i] not in qrels[q]][:negatives]
        if len(hard) < negatives:
            continue
        out.append((queries[q], corpus[rng.choice(gold)], [corpus[c] for c in hard] + [corpus[rng.choice(ids)]]))
    return out


path = WORK + '/train3_groups.json'
if os.path.exists(path):
    train = json.load(open(path))
else:
    train = groups('feedbackqa', 'train') + groups('scifact', 'train')
    json.dump(train, open(path, 'w'))
rng.shuffle(train)
print(len(train), 'training queries', flush=True)

dev = check_fqa.dev_pairs()
tok = WordPiece(WORK + '/all-minilm-l6-v2-tokenizer.json')
model = CrossEncoder()
model.load_onnx(WORK + '/weights.npz', WORK + '/matmul_order.json')
check_fqa.report('bi-encoder', *check_fqa.bi_encoder(model, tok, dev))


def check(step):
    model.eval()
    check_fqa.report(f'step {step}: cross-encoder', *check_fqa.cross_encoder(model, tok, dev, MAX_LEN))
    model.train()
    torch.save(model.state_dict(), f'{WORK}/ce3_{step}.pt')


for p in [*model.word.parameters(), *model.pos.parameters(), *model.tok_type.parameters()]:
    p.requires_grad = False
model.head.bias.data.zero_()
opt = torch.optim.AdamW([{'params': [p for l in model.layers for p in l.parameters()] + list(model.ln.parameters()),
                          'lr': 6e-5},
                         {'params': model.head.parameters(), 'lr': 1e-3}], weight_decay=0.01)
sched = torch.optim.lr_scheduler.LambdaLR(opt, lambda s: min(1.0, (s + 1) / 50) * max(0.02, 1 - s / STEPS))
model.train()
t0 = time.time()
for step in range(STEPS):
    chunk = [train[(step * QPS + i) % len(train)] for i in range(QPS)]
    loss = listwise_step(model, tok, [(q, g, [*negs[:HARD], negs[-1]]) for q, g, negs in chunk], opt, sched, MAX_LEN)
    if step % 25 == 0:
        print(f'step {step} loss {loss:.3f} {time.time() - t0:.0f}s', flush=True)
    if (step + 1) % EVAL_EVERY == 0:
        check(step + 1)
check(STEPS)
print('done', time.time() - t0)
