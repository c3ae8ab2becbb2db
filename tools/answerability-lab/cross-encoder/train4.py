"""Continue train3.py's model on in-domain groups (answers-fresh-tuning, answers-tuning: a chunk holding every key
fact against the best BM25 chunks holding none, i.e. the same topic without the answer), mixed 1:1 with further
external groups; same losses as train3.py.

python3 train4.py CHECKPOINT STEPS"""
import json
import os
import random
import sys
import time
from collections import defaultdict

import torch

import data
from bert import CrossEncoder, WordPiece, listwise_step

WORK = os.environ.get('CE_WORK', '/tmp/ce')
START, STEPS = sys.argv[1], int(sys.argv[2])
QPS, NEG, MAX_LEN = 8, 3, 128
torch.manual_seed(7)
rng = random.Random(5)

by_question = defaultdict(lambda: ([], []))
for q, passage, label in data.demo_pairs(['answers-fresh-tuning.jsonl', 'answers-tuning.jsonl'], rng):
    by_question[q][0 if label else 1].append(passage)
demo = [(q, pos[0], negs[:NEG]) for q, (pos, negs) in by_question.items() if pos and len(negs) >= NEG]
external = [(q, g, negs[:2] + negs[-1:]) for q, g, negs in json.load(open(WORK + '/train3_groups.json'))]
rng.shuffle(external)
print(len(demo), 'in-domain questions', flush=True)

tok = WordPiece(WORK + '/all-minilm-l6-v2-tokenizer.json')
model = CrossEncoder()
model.load_state_dict(torch.load(START))
for p in [*model.word.parameters(), *model.pos.parameters(), *model.tok_type.parameters()]:
    p.requires_grad = False
opt = torch.optim.AdamW([{'params': [p for l in model.layers for p in l.parameters()] + list(model.ln.parameters()),
                          'lr': 3e-5},
                         {'params': model.head.parameters(), 'lr': 3e-4}], weight_decay=0.01)
sched = torch.optim.lr_scheduler.LambdaLR(opt, lambda s: min(1.0, (s + 1) / 20) * max(0.02, 1 - s / STEPS))
model.train()
t0 = time.time()
for step in range(STEPS):
    if step * (QPS // 2) % len(demo) < QPS // 2:
        rng.shuffle(demo)
    chunk = [demo[(step * (QPS // 2) + i) % len(demo)] for i in range(QPS // 2)] \
        + [external[(step * (QPS // 2) + i) % len(external)] for i in range(QPS // 2)]
    loss = listwise_step(model, tok, chunk, opt, sched, MAX_LEN)
    if step % 25 == 0:
        print(f'step {step} loss {loss:.3f} {time.time() - t0:.0f}s', flush=True)
torch.save(model.state_dict(), f'{WORK}/ce4_{STEPS}.pt')
print('done', time.time() - t0)
