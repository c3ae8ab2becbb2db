"""Training pairs (FeedbackQA train, SciFact train) and the demo evaluation cases with BM25-retrieved passages."""
import glob
import json
import os
import math
import random
import re
from collections import Counter, defaultdict

WORK = os.environ.get('CE_WORK', '/tmp/ce')

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), '../../..'))
SHARED = os.path.join(ROOT, '../shared/datasets')
DEMO = os.path.join(ROOT, 'datasets/demo')
KB = os.path.join(ROOT, 'demo-kb')
STOP = set('a an the of to in on for and or is are be can i my we our you your it do does how what when which who '
           'with at by from as this that there if not no'.split())


def words(text):
    return [w for w in re.findall(r'[a-z0-9]+', text.lower()) if w not in STOP]


class BM25:
    def __init__(self, docs, k1=1.2, b=0.75):
        self.docs = [Counter(words(d)) for d in docs]
        self.len = [sum(d.values()) for d in self.docs]
        self.avg = sum(self.len) / len(self.len)
        df = Counter(w for d in self.docs for w in d)
        n = len(docs)
        self.idf = {w: math.log(1 + (n - c + 0.5) / (c + 0.5)) for w, c in df.items()}
        self.post = defaultdict(list)
        for i, d in enumerate(self.docs):
            for w in d:
                self.post[w].append(i)
        self.k1, self.b = k1, b

    def top(self, query, k):
        scores = defaultdict(float)
        for w in set(words(query)):
            for i in self.post.get(w, ()):
                tf = self.docs[i][w]
                scores[i] += self.idf[w] * tf * (self.k1 + 1) / (tf + self.k1 * (1 - self.b + self.b * self.len[i] / self.avg))
        return [i for i, _ in sorted(scores.items(), key=lambda x: -x[1])[:k]]


def load_beir(name, split):
    corpus = {}
    for line in open(f'{SHARED}/{name}/corpus.jsonl'):
        d = json.loads(line)
        corpus[d['_id']] = (d.get('title') or '') + '. ' + d['text']
    queries = {}
    for line in open(f'{SHARED}/{name}/queries.jsonl'):
        d = json.loads(line)
        queries[d['_id']] = d['text']
    qrels = defaultdict(set)
    for line in list(open(f'{SHARED}/{name}/qrels/{split}.tsv'))[1:]:
        q, c, s = line.split('\t')
        if int(s) > 0:
            qrels[q].add(c)
    return corpus, queries, qrels


def beir_pairs(name, split, negatives, rng, limit=None):
    corpus, queries, qrels = load_beir(name, split)
    ids = list(corpus)
    bm = BM25([corpus[i] for i in ids])
    out = []
    qs = sorted(qrels)
    rng.shuffle(qs)
    for q in qs[:limit]:
        gold = qrels[q]
        for c in gold:
            out.append((queries[q], corpus[c], 1))
        hard = [ids[i] for i in bm.top(queries[q], 12) if ids[i] not in gold]
        for c in hard[:negatives]:
            out.append((queries[q], corpus[c], 0))
        out.append((queries[q], corpus[rng.choice(ids)], 0))
    return out


def kb_chunks(max_words=110):
    chunks = []
    for path in sorted(glob.glob(f'{KB}/help-center/*.md') + glob.glob(f'{KB}/legal/*.md')):
        text = open(path).read()
        title = re.search(r'^# (.+)$', text, re.M)
        title = title.group(1) if title else path
        for section in re.split(r'\n(?=## )', text):
            head = re.match(r'## (.+)', section)
            body = re.sub(r'^#+ .*\n', '', section).strip()
            paras = [p.strip() for p in re.split(r'\n\s*\n', body) if p.strip()]
            cur = []
            for p in paras:
                if cur and sum(len(x.split()) for x in cur) + len(p.split()) > max_words:
                    chunks.append((path, f"{title} > {head.group(1) if head else ''}. " + '\n'.join(cur)))
                    cur = []
                cur.append(p)
            if cur:
                chunks.append((path, f"{title} > {head.group(1) if head else ''}. " + '\n'.join(cur)))
    return chunks


def demo_cases(files):
    out = []
    for f in files:
        for line in open(f'{DEMO}/{f}'):
            d = json.loads(line)
            if d['type'] not in ('answerable', 'unanswerable') or len(d['turns']) != 1:
                continue
            out.append(d)
    return out


if __name__ == '__main__':
    rng = random.Random(7)
    pairs = beir_pairs('feedbackqa', 'train', 2, rng) + beir_pairs('scifact', 'train', 2, rng)
    rng.shuffle(pairs)
    json.dump(pairs, open(WORK + '/train_pairs.json', 'w'))
    print(len(pairs), sum(p[2] for p in pairs))
    ch = kb_chunks()
    print(len(ch), max(len(c[1].split()) for c in ch))


def fact_in(facts, text):
    t = text.lower()
    return all(any(alt.lower() in t for alt in f.split('|')) for f in facts)


def demo_pairs(files, rng, negatives=3):
    """Answerable demo questions: chunks of their sources holding every fact are positive, the best other chunks
    holding none of them negative (near-domain: the same topic without the answer)."""
    chunks = kb_chunks()
    bm = BM25([c[1] for c in chunks])
    out = []
    for case in demo_cases(files):
        if case['type'] != 'answerable':
            continue
        q = case['turns'][0]
        pos = [c for c in chunks if any(c[0].endswith(s) for s in case['sources']) and fact_in(case['facts'], c[1])]
        for c in pos[:2]:
            out.append((q, c[1], 1))
        neg = [chunks[i] for i in bm.top(q, 15)
               if not any(any(a.lower() in chunks[i][1].lower() for a in f.split('|')) for f in case['facts'])]
        for c in neg[:negatives]:
            out.append((q, c[1], 0))
    return out
