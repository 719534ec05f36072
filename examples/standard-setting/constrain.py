#!/usr/bin/env python3
"""Keep every topic of the current bank at >= 5 questions: take the planned moves furthest from
their tag first, hold the rest. usage: constrain.py PLAN.tsv OUT.tsv HELD.tsv [HOLD_IDS...]"""
import sys, json, collections, tomllib, glob
cnt = collections.Counter(); Q = {}
for f in glob.glob('/work/main/questions/*/*.toml'):
    if 'roadmap' in f or 'calibration' in f: continue
    for q in tomllib.load(open(f, 'rb')).get('questions', []):
        cnt[q['topic']] += 1; Q[q['id']] = (q['topic'], f.split('/')[-2])
rank = {'beginner': 0, 'intermediate': 1, 'senior': 2, 'expert': 3}
rows = [l.rstrip('\n').split('\t') for l in open(sys.argv[1]) if l.strip()]
hold = set(sys.argv[4:])
def gap(r): return 9 if r[1] == 'RETIRE' else abs(rank[Q[r[0]][1]] - rank[r[1].split('/')[0]])
rows.sort(key=lambda r: -gap(r))
out, held = [], []
for r in rows:
    t = Q[r[0]][0]
    if r[0] not in hold and cnt[t] - 1 >= 5:
        cnt[t] -= 1; out.append(r)
        if r[1] != 'RETIRE': cnt[r[2]] += 1
    else: held.append(r)
open(sys.argv[2], 'w').write(''.join('\t'.join(r) + '\n' for r in out))
open(sys.argv[3], 'w').write(''.join('\t'.join(r) + '\n' for r in held))
print(len(out), 'planned', len(held), 'held')
