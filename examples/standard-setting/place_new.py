#!/usr/bin/env python3
"""Ship staged (new) questions at the level their blind judges gave them.
usage: [ROUND=fifth] place_new.py PLAN.tsv STAGED.toml...
  PLAN lines: id <TAB> level/section <TAB> topic <TAB> difficulty   (ids not in the plan stay unshipped)
Each block is appended to questions/<level>/<section>.toml with its topic and difficulty set and the
writer's `# level:` comment dropped: Expert ones under a 'written for the Expert bar' separator,
the rest under '<topic> (re-placed by blind standard setting)', as earlier rounds did."""
import os, sys, re, collections
ROOT = '/work/main/questions/'
LABEL = f"written for the Expert bar ({os.environ.get('ROUND', 'fourth')} round), judged blind"


def blocks(text):
    """(id, block text) for every [[questions]] table of a staged file, comments above dropped."""
    parts = re.split(r'^\[\[questions\]\]\s*$', text, flags=re.M)[1:]
    out = []
    for p in parts:
        body = '\n'.join(l for l in p.strip('\n').split('\n') if not l.startswith('# level:')).rstrip()
        body = re.sub(r'(\n#[^\n]*)+$', '', body)  # trailing comments belong to the next block
        qid = re.search(r'^id = "([^"]+)"', body, re.M).group(1)
        out.append((qid, '[[questions]]\n' + body.strip('\n') + '\n'))
    return out


plan = {r[0]: r for r in (l.rstrip('\n').split('\t') for l in open(sys.argv[1])) if r[0] and not r[0].startswith('#')}
staged = {}
for f in sys.argv[2:]:
    staged.update(dict(blocks(open(f).read())))
missing = [q for q in plan if q not in staged]
if missing:
    sys.exit(f'not staged: {missing}')
by_file = collections.defaultdict(lambda: collections.defaultdict(list))
for qid, (_, target, topic, diff) in plan.items():
    text = re.sub(r'^topic = "[^"]+"', f'topic = "{topic}"', staged[qid], count=1, flags=re.M)
    text = re.sub(r'^difficulty = \d', f'difficulty = {diff}', text, count=1, flags=re.M)
    label = LABEL if target.startswith('expert/') else f'{topic} (re-placed by blind standard setting)'
    by_file[target][label].append(text)
for target, labels in by_file.items():
    path = ROOT + target + '.toml'
    s = open(path).read().rstrip('\n') + '\n'
    for label, texts in labels.items():
        s += f'\n# ------------------------------------------------------------------ {label}\n'
        for t in texts:
            s += '\n' + t
    open(path, 'w').write(s)
print(len(plan), 'shipped into', len(by_file), 'files')
