"""Continue from the external-data model on in-domain pairs (answers-fresh-tuning, answers-tuning) mixed 1:1 with
further external pairs."""
import os
import json, random, sys, time
import torch, torch.nn.functional as F
from bert import CrossEncoder, WordPiece, batch
import data

WORK = os.environ.get('CE_WORK', '/tmp/ce')
torch.manual_seed(7)
STEPS = int(sys.argv[1]); BS = 16
rng = random.Random(3)
demo = data.demo_pairs(['answers-fresh-tuning.jsonl', 'answers-tuning.jsonl'], rng)
ext = json.load(open(WORK + '/train_pairs.json'))[9600:]
pairs = []
while len(pairs) < STEPS * BS:
    d = demo[:]; rng.shuffle(d)
    pairs += [p for pair in zip(d, ext[len(pairs)//2:len(pairs)//2 + len(d)]) for p in pair]
pairs = pairs[:STEPS * BS]
print(len(demo), 'demo pairs', flush=True)
tok = WordPiece(WORK + '/all-minilm-l6-v2-tokenizer.json')
model = CrossEncoder(); model.load_state_dict(torch.load(WORK + '/ce_192_600_2.pt'))
for p in [*model.word.parameters(), *model.pos.parameters(), *model.tok_type.parameters(), *model.ln.parameters(),
          *model.layers[0].parameters(), *model.layers[1].parameters()]:
    p.requires_grad = False
opt = torch.optim.AdamW([{'params': [p for l in model.layers[2:] for p in l.parameters()], 'lr': 3e-5},
                         {'params': model.head.parameters(), 'lr': 3e-4}], weight_decay=0.01)
sched = torch.optim.lr_scheduler.LambdaLR(opt, lambda s: min(1.0, (s + 1) / 20) * max(0.0, 1 - s / STEPS))
model.train(); t0 = time.time()
for step in range(STEPS):
    chunk = pairs[step * BS:(step + 1) * BS]
    ids, types, att = batch(tok, [(a, b) for a, b, _ in chunk], 192)
    loss = F.binary_cross_entropy_with_logits(model(ids, types, att), torch.tensor([float(l) for *_, l in chunk]))
    opt.zero_grad(); loss.backward(); opt.step(); sched.step()
    if step % 20 == 0: print(f'step {step} loss {loss.item():.3f} {time.time()-t0:.0f}s', flush=True)
torch.save(model.state_dict(), f'{WORK}/ce_demo_{STEPS}.pt'); print('done', time.time() - t0)
