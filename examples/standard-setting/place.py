#!/usr/bin/env python3
"""Move question blocks between bank files (keeping their text), or delete them.
usage: place.py PLAN.tsv   lines: id <TAB> level/section|RETIRE <TAB> topic <TAB> difficulty
Blocks run from a `[[questions]]` line (with comment lines directly above it) to the next block
or section-separator comment. Moved blocks are appended to the target file under a separator
'# ---- <topic> (re-placed by blind standard setting)'."""
import sys, re, collections
ROOT = '/work/main/questions/'
import glob
def blocks_of(text):
    lines = text.split('\n')
    starts = [i for i, l in enumerate(lines) if l.strip() == '[[questions]]']
    out = []
    for k, s in enumerate(starts):
        b = s
        while b > 0 and lines[b-1].startswith('#') and not lines[b-1].startswith('# ---') and not lines[b-1].startswith('#:schema'):
            b -= 1
        e = starts[k+1] if k+1 < len(starts) else len(lines)
        # stop before a separator or the next block's leading comments
        j = e
        while j > s + 1 and (lines[j-1].startswith('#') or lines[j-1].strip() == ''):
            j -= 1
        m = re.search(r'^id = "([^"]+)"', '\n'.join(lines[s:j]), re.M)
        out.append((m.group(1), b, j))
    return lines, out
plan = [l.rstrip('\n').split('\t') for l in open(sys.argv[1]) if l.strip() and not l.startswith('#')]
where = {}
for f in glob.glob(ROOT + '*/*.toml'):
    lines, bl = blocks_of(open(f).read())
    for qid, b, e in bl: where[qid] = f
moves = collections.defaultdict(list)   # target file -> [(topic, text)]
cut = collections.defaultdict(dict)      # source file -> {id: plan}
for row in plan:
    qid, tgt = row[0], row[1]
    cut[where[qid]][qid] = row
for f, ids in cut.items():
    lines, bl = blocks_of(open(f).read())
    keep = [True] * len(lines)
    for qid, b, e in bl:
        if qid not in ids: continue
        row = ids[qid]
        for i in range(b, e): keep[i] = False
        # also drop one blank line after the block
        if e < len(lines) and lines[e].strip() == '': keep[e] = False
        if row[1] == 'RETIRE': continue
        text = '\n'.join(lines[b:e])
        text = re.sub(r'^topic = "[^"]+"', f'topic = "{row[2]}"', text, count=1, flags=re.M)
        if len(row) > 3 and row[3]:
            if re.search(r'^difficulty = \d', text, re.M):
                text = re.sub(r'^difficulty = \d', f'difficulty = {row[3]}', text, count=1, flags=re.M)
            else:
                text = re.sub(r'^(kind = "[^"]+")$', lambda m: m.group(1) + f'\ndifficulty = {row[3]}', text, count=1, flags=re.M)
        moves[ROOT + row[1] + '.toml'].append((row[2], text))
    new = '\n'.join(l for l, k in zip(lines, keep) if k)
    new = re.sub(r'\n{3,}', '\n\n', new)
    open(f, 'w').write(new.rstrip('\n') + '\n')
for f, items in moves.items():
    s = open(f).read().rstrip('\n') + '\n'
    by = collections.defaultdict(list)
    for t, text in items: by[t].append(text)
    for t, texts in by.items():
        s += f'\n# ------------------------------------------------------------------ {t} (re-placed by blind standard setting)\n'
        for text in texts: s += '\n' + text.strip('\n') + '\n'
    open(f, 'w').write(s)
print(sum(len(v) for v in cut.values()), 'blocks cut;', sum(len(v) for v in moves.values()), 'moved')
