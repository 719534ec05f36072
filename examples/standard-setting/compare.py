#!/usr/bin/env python3
"""Compare a blind reader's answers with the keys. usage: compare.py MAP.tsv READER.toml FILES..."""
import sys, tomllib, random
m = {l.split('\t')[0]: l.split('\t')[1] for l in open(sys.argv[1])}
ans = tomllib.load(open(sys.argv[2], 'rb'))
Q = {}
for f in sys.argv[3:]:
    for q in tomllib.load(open(f, 'rb')).get('questions', []): Q[q['id']] = q
bad = 0
for k, qid in m.items():
    n = int(k[1:]); q = Q[qid]; kind = q['kind']
    if kind == 'single' or (kind == 'output' and q.get('distractors')):
        right = q['answer'] if kind == 'single' else q['output'].strip('\n')
        opts = [(right, True)] + [(x, False) for x in q['distractors']]
        random.Random(n).shuffle(opts)
        key = ''.join('ABCDEF'[i] for i, (t, ok) in enumerate(opts) if ok)
    elif kind == 'multi':
        opts = [(x, True) for x in q['answers']] + [(x, False) for x in q.get('distractors', [])]
        random.Random(n).shuffle(opts)
        key = ''.join('ABCDEFGH'[i] for i, (t, ok) in enumerate(opts) if ok)
    elif kind == 'true-false':
        key = str(q['answer']).lower()
    else:
        key = '?'
    a = ans.get(k, {})
    given = str(a.get('answer', '')).replace(',', '').replace(' ', '').upper() if kind != 'true-false' else str(a.get('answer', '')).lower()
    ok = given == key.upper() if kind != 'true-false' else given == key
    if not ok: bad += 1
    print(('OK  ' if ok else 'DIFF'), k, qid, 'key', key, 'reader', a.get('answer'), a.get('sure', ''), ('| ' + a['problem']) if a.get('problem') else '')
print(bad, 'differ of', len(m))
