"""MiniLM (BERT) in plain torch, weights from the langchain4j all-MiniLM-L6-v2 ONNX export, WordPiece tokenizer."""
import os
import json
import math
import re
import unicodedata

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

WORK = os.environ.get('CE_WORK', '/tmp/ce')

H, HEADS, FF, LAYERS = 384, 12, 1536, 6


class WordPiece:
    def __init__(self, path):
        t = json.load(open(path))
        self.vocab = t['model']['vocab']
        self.unk = self.vocab['[UNK]']
        self.cls, self.sep, self.pad = self.vocab['[CLS]'], self.vocab['[SEP]'], self.vocab['[PAD]']

    @staticmethod
    def _basic(text):
        text = ''.join(' ' if unicodedata.category(c).startswith('C') and c not in '\t\n\r' else c for c in text)
        text = unicodedata.normalize('NFD', text.lower())
        text = ''.join(c for c in text if unicodedata.category(c) != 'Mn')
        out = []
        for word in text.split():
            out.extend(t for t in re.split(r'([^\w]|_)', word) if t and not t.isspace())
        return out

    def tokenize(self, text):
        ids = []
        for word in self._basic(text):
            if len(word) > 100:
                ids.append(self.unk)
                continue
            start, pieces = 0, []
            while start < len(word):
                end, cur = len(word), None
                while start < end:
                    sub = word[start:end] if start == 0 else '##' + word[start:end]
                    if sub in self.vocab:
                        cur = self.vocab[sub]
                        break
                    end -= 1
                if cur is None:
                    pieces = [self.unk]
                    break
                pieces.append(cur)
                start = end
            ids.extend(pieces)
        return ids

    def pair(self, a, b, max_len):
        x, y = self.tokenize(a), self.tokenize(b)
        while len(x) + len(y) > max_len - 3:  # longest first
            if len(x) > len(y):
                x.pop()
            else:
                y.pop()
        ids = [self.cls] + x + [self.sep] + y + [self.sep]
        types = [0] * (len(x) + 2) + [1] * (len(y) + 1)
        return ids, types


class Layer(nn.Module):
    def __init__(self):
        super().__init__()
        self.q, self.k, self.v, self.o = (nn.Linear(H, H) for _ in range(4))
        self.ln1, self.ln2 = nn.LayerNorm(H, eps=1e-12), nn.LayerNorm(H, eps=1e-12)
        self.ff1, self.ff2 = nn.Linear(H, FF), nn.Linear(FF, H)

    def forward(self, x, mask):
        b, n, _ = x.shape
        split = lambda t: t.view(b, n, HEADS, H // HEADS).transpose(1, 2)
        q, k, v = split(self.q(x)), split(self.k(x)), split(self.v(x))
        a = F.scaled_dot_product_attention(q, k, v, attn_mask=mask)
        x = self.ln1(x + self.o(a.transpose(1, 2).reshape(b, n, H)))
        return self.ln2(x + self.ff2(F.gelu(self.ff1(x))))


class CrossEncoder(nn.Module):
    def __init__(self):
        super().__init__()
        self.word = nn.Embedding(30522, H)
        self.pos = nn.Embedding(512, H)
        self.tok_type = nn.Embedding(2, H)
        self.ln = nn.LayerNorm(H, eps=1e-12)
        self.layers = nn.ModuleList(Layer() for _ in range(LAYERS))
        self.head = nn.Linear(H, 1)

    def pooled(self, ids, types, att):
        n = ids.shape[1]
        x = self.ln(self.word(ids) + self.pos(torch.arange(n)) + self.tok_type(types))
        mask = (att[:, None, None, :] > 0)
        for layer in self.layers:
            x = layer(x, mask)
        m = att.unsqueeze(-1).float()
        return (x * m).sum(1) / m.sum(1)

    def forward(self, ids, types, att):
        return self.head(self.pooled(ids, types, att)).squeeze(-1)

    def load_onnx(self, npz, order):
        w = np.load(npz)
        g = lambda k: torch.tensor(w[k.replace('::', '_')])
        self.word.weight.data = g('embeddings.word_embeddings.weight')
        self.pos.weight.data = g('embeddings.position_embeddings.weight')
        self.tok_type.weight.data = g('embeddings.token_type_embeddings.weight')
        self.ln.weight.data, self.ln.bias.data = g('embeddings.LayerNorm.weight'), g('embeddings.LayerNorm.bias')
        names = json.load(open(order))
        for i, layer in enumerate(self.layers):
            p = f'encoder.layer.{i}.'
            mats = names[6 * i:6 * i + 6]
            for lin, mat, bias in zip((layer.q, layer.k, layer.v, layer.o, layer.ff1, layer.ff2), mats,
                                      ('attention.self.query', 'attention.self.key', 'attention.self.value',
                                       'attention.output.dense', 'intermediate.dense', 'output.dense')):
                lin.weight.data = g(mat).T.contiguous()
                lin.bias.data = g(p + bias + '.bias')
            layer.ln1.weight.data, layer.ln1.bias.data = g(p + 'attention.output.LayerNorm.weight'), g(p + 'attention.output.LayerNorm.bias')
            layer.ln2.weight.data, layer.ln2.bias.data = g(p + 'output.LayerNorm.weight'), g(p + 'output.LayerNorm.bias')


def batch(tok, pairs, max_len):
    enc = [tok.pair(a, b, max_len) for a, b in pairs]
    n = max(len(i) for i, _ in enc)
    ids = torch.zeros(len(enc), n, dtype=torch.long)
    types = torch.zeros(len(enc), n, dtype=torch.long)
    att = torch.zeros(len(enc), n, dtype=torch.long)
    for r, (i, t) in enumerate(enc):
        ids[r, :len(i)] = torch.tensor(i)
        types[r, :len(t)] = torch.tensor(t)
        att[r, :len(i)] = 1
    return ids, types, att


def embed(model, tok, texts):
    """Sentence embedding as the bi-encoder was trained (single segment, mean pooling, normalized)."""
    enc = [[tok.cls] + tok.tokenize(t)[:126] + [tok.sep] for t in texts]
    n = max(map(len, enc))
    ids = torch.zeros(len(enc), n, dtype=torch.long)
    att = torch.zeros(len(enc), n, dtype=torch.long)
    for r, i in enumerate(enc):
        ids[r, :len(i)] = torch.tensor(i)
        att[r, :len(i)] = 1
    with torch.no_grad():
        return F.normalize(model.pooled(ids, torch.zeros_like(ids), att), dim=-1)


def listwise_step(model, tok, groups, opt, sched, max_len):
    """One training step on groups (question, gold passage, negatives), each with the same number of negatives:
    softmax cross-entropy of the gold against its negatives, plus half a pointwise term so the score keeps an
    absolute meaning (train3.py, train4.py)."""
    pairs = [(q, p) for q, g, negs in groups for p in [g, *negs]]
    scores = model(*batch(tok, pairs, max_len)).view(len(groups), -1)
    labels = torch.zeros_like(scores)
    labels[:, 0] = 1
    loss = F.cross_entropy(scores, torch.zeros(len(groups), dtype=torch.long)) \
        + 0.5 * F.binary_cross_entropy_with_logits(scores, labels)
    opt.zero_grad()
    loss.backward()
    torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
    opt.step()
    sched.step()
    return loss.item()


if __name__ == '__main__':
    tok = WordPiece(WORK + '/all-minilm-l6-v2-tokenizer.json')
    m = CrossEncoder()
    m.load_onnx(WORK + '/weights.npz', WORK + '/matmul_order.json')
    m.eval()
    e = embed(m, tok, ['How do I reset my password?', 'Steps to reset a forgotten password', 'The cat sat on the mat.',
                       'Parcels to Canada need a customs form.'])
    print((e @ e.T).numpy().round(3))
