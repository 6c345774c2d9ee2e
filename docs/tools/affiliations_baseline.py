"""A plain TF-IDF baseline on the affiliation strings, outside the product, for scale (docs/resolution.md, session 17).

    python3 docs/tools/affiliations_baseline.py [../shared/data/resolution]

Needs numpy and scipy. No labels are used to fit anything; thresholds are swept and every line printed, so the best
line is an optimistic ceiling for this kind of method. Also counts the pairs with the same words that the truth calls
different organisations.
"""
import collections
import csv
import math
import re
import sys

import numpy as np
from scipy.cluster.hierarchy import fcluster, linkage
from scipy.spatial.distance import squareform

data = sys.argv[1] if len(sys.argv) > 1 else '../shared/data/resolution'
rows = [(r['id1'], r['affil1']) for r in csv.DictReader(open(data + '/affiliationstrings.csv', encoding='utf-8'))]
pos = {rid: i for i, (rid, _) in enumerate(rows)}
n = len(rows)
parent = list(range(n))


def find(x, parent=parent):
    """The root of x in a union-find forest (with path halving)."""
    while parent[x] != x:
        parent[x] = parent[parent[x]]
        x = parent[x]
    return x


def union(a, b, parent):
    ra, rb = find(a, parent), find(b, parent)
    if ra != rb:
        parent[max(ra, rb)] = min(ra, rb)


with open(data + '/affiliationstrings_pairs.csv', encoding='utf-8') as f:
    for a, b in list(csv.reader(f))[1:]:
        if a in pos and b in pos:
            union(pos[a], pos[b], parent)
truth = [find(i) for i in range(n)]
true_pairs = sum(v * (v - 1) // 2 for v in collections.Counter(truth).values())


def evaluate(cluster):
    predicted = sum(v * (v - 1) // 2 for v in collections.Counter(cluster).values())
    correct = sum(v * (v - 1) // 2 for v in collections.Counter(zip(cluster, truth)).values())
    p = correct / predicted if predicted else 0
    r = correct / true_pairs
    return p, r, 2 * p * r / (p + r) if p + r else 0


STOP = set('of the and at for in de'.split())
words = [[w for w in re.findall(r'[a-z0-9]+', s.lower().replace('&', ' and ')) if w not in STOP and not w.isdigit()] for _, s in rows]
df = collections.Counter(w for ws in words for w in set(ws))
vocab = {w: i for i, w in enumerate(df)}
m = np.zeros((n, len(vocab)))
for i, ws in enumerate(words):
    for w in set(ws):
        m[i, vocab[w]] = math.log(n / df[w])

same = collections.defaultdict(list)
for i, ws in enumerate(words):
    same[' '.join(sorted(set(ws)))].append(i)
pairs = [(a, b) for group in same.values() for a in group for b in group if a < b]
print('pairs with the same words: %d, of which the truth calls %d different organisations'
      % (len(pairs), sum(truth[a] != truth[b] for a, b in pairs)))

norm = np.linalg.norm(m, axis=1)
norm[norm == 0] = 1
unit = m / norm[:, None]
cosine = unit @ unit.T
squared = m ** 2
shared = m @ m.T  # sum over shared words of idf * idf
weight = squared.sum(1)
smaller = np.minimum(weight[:, None], weight[None, :])
smaller[smaller == 0] = 1
overlap = shared / smaller

for name, sim in (('tf-idf cosine', cosine), ('idf2 overlap', overlap)):
    for th in (0.3, 0.5, 0.7):
        comp = list(range(n))
        for a, b in np.argwhere(np.triu(sim > th, 1)):
            union(a, b, comp)
        print('%-14s connected components  at %.1f: precision %.3f recall %.3f F1 %.3f' % ((name, th) + evaluate([find(i, comp) for i in range(n)])))
    distance = np.clip(1 - sim, 0, None)
    np.fill_diagonal(distance, 0)
    distance = (distance + distance.T) / 2
    tree = linkage(squareform(distance, checks=False), 'average')
    for th in (0.2, 0.3, 0.4, 0.5, 0.7):
        print('%-14s average linkage       at %.1f: precision %.3f recall %.3f F1 %.3f' % ((name, th) + evaluate(list(fcluster(tree, 1 - th, 'distance')))))
