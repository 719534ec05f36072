#!/usr/bin/env python3
"""Figures for the note: closed questions per level (hard), ESM output count, Expert judged Expert."""
import tomllib, glob, collections, json, subprocess
c = collections.Counter(); h = collections.Counter(); esm = 0; ids = {}
for f in glob.glob('/work/main/questions/*/*.toml'):
    if 'roadmap' in f: continue
    lv = f.split('/')[-2]
    for q in tomllib.load(open(f, 'rb')).get('questions', []):
        if q['kind'] == 'open': continue
        c[lv] += 1; ids[q['id']] = lv
        if q.get('difficulty', 2) == 3: h[lv] += 1
        if q['kind'] == 'output' and q.get('module') == 'esm': esm += 1
print('closed', dict(c), 'hard', dict(h), 'esm-output', esm)
rep = json.loads(subprocess.run(['/work/main/target/release/levelcheck', 'judge', '--report'] + glob.glob('/work/main/questions/ratings/*') + ['--format', 'json'], capture_output=True, text=True, cwd='/work/main').stdout)
print('consensus agrees', rep['consensus_matches_tag'], 'of', rep['with_consensus'], round(100 * rep['consensus_matches_tag'] / rep['with_consensus'], 1), '%; differ', len(rep['differ']), 'not-a-level', len(rep['not_a_level']), 'split', len(rep['split']), 'single', len(rep['single']))
# Expert-tagged judged Expert by both (all judges)
ratings = collections.defaultdict(dict)
for f in glob.glob('/work/main/questions/ratings/*.jsonl'):
    for l in open(f):
        r = json.loads(l); ratings[r['question']][r['judge']] = r['level']
ex = [i for i, lv in ids.items() if lv == 'expert']
both = [i for i in ex if ratings[i] and all(v == 'expert' for v in ratings[i].values()) and len(ratings[i]) >= 2]
print('expert-tagged', len(ex), 'judged expert by all its judges', len(both), round(100 * len(both) / max(1, len(ex)), 1), '%')
