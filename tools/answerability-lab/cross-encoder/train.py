import json
import os
import sys
import time

import torch
import torch.nn.functional as F

from bert import CrossEncoder, WordPiece, batch
import data

WORK = os.environ.get('CE_WORK', '/tmp/ce')

torch.manual_seed(7)
MAX_LEN = int(sys.argv[1]) if len(sys.argv) > 1 else 192
STEPS = int(sys.argv[2]) if len(sys.argv) > 2 else 400
FROZEN = int(sys.argv[3]) if len(sys.argv) > 3 else 2
BS = 16
tok = WordPiece(WORK + '/all-minilm-l6-v2-tokenizer.json')
model = CrossEncoder()
model.load_onnx(WORK + '/weights.npz', WORK + '/matmul_order.json')
for p in [*model.word.parameters(), *model.pos.parameters(), *model.tok_type.parameters(), *model.ln.parameters()]:
    p.requires_grad = False
for layer in model.layers[:FROZEN]:
    for p in layer.parameters():
        p.requires_grad = False
model.head.bias.data.zero_()
opt = torch.optim.AdamW([{'params': [p for l in model.layers[FROZEN:] for p in l.parameters()], 'lr': 4e-5},
                         {'params': model.head.parameters(), 'lr': 1e-3}], weight_decay=0.01)
pairs = json.load(open(WORK + '/train_pairs.json'))
sched = torch.optim.lr_scheduler.LambdaLR(opt, lambda s: min(1.0, (s + 1) / 30) * max(0.0, 1 - s / STEPS))
model.train()
t0 = time.time()
for step in range(STEPS):
    chunk = pairs[step * BS:(step + 1) * BS]
    ids, types, att = batch(tok, [(a, b) for a, b, _ in chunk], MAX_LEN)
    y = torch.tensor([float(l) for _, _, l in chunk])
    loss = F.binary_cross_entropy_with_logits(model(ids, types, att), y)
    opt.zero_grad()
    loss.backward()
    opt.step()
    sched.step()
    if step % 20 == 0:
        print(f'step {step} loss {loss.item():.3f} {time.time() - t0:.0f}s', flush=True)
torch.save({k: v for k, v in model.state_dict().items()}, f'{WORK}/ce_{MAX_LEN}_{STEPS}_{FROZEN}.pt')
print('done', time.time() - t0)
