#!/usr/bin/env python3
"""Make blind sheets (no id, level, section, topic, difficulty) and a private key map.
usage: blind.py OUT_PREFIX CHUNKS [--ids FILE] [--unrated] [--with-key] [--bank-files F...]
  --unrated : only closed questions not rated in questions/ratings/*.jsonl
  --ids FILE: only these ids (one per line)
  --no-key  : blind reader sheet (no answer key, no explanation)
Writes OUT_PREFIX-<k>.md (sheet) and OUT_PREFIX-map.tsv (Qnnn -> id)."""
import sys, glob, json, tomllib, random, argparse
ap = argparse.ArgumentParser()
ap.add_argument('out'); ap.add_argument('chunks', type=int)
ap.add_argument('--ids'); ap.add_argument('--unrated', action='store_true')
ap.add_argument('--no-key', action='store_true')
ap.add_argument('--files', nargs='*', default=None)
ap.add_argument('--seed', type=int, default=7)
a = ap.parse_args()
files = a.files or sorted(glob.glob('/work/main/questions/*/*.toml'))
qs = []
for f in files:
    if f.endswith('roadmap.toml') or f.endswith('calibration.toml'): continue
    d = tomllib.load(open(f, 'rb'))
    for q in d.get('questions', []):
        q['_file'] = f; qs.append(q)
rated = set()
for f in glob.glob('/work/main/questions/ratings/*.jsonl'):
    for line in open(f):
        rated.add(json.loads(line)['question'])
sel = [q for q in qs if q['kind'] != 'open']
if a.unrated: sel = [q for q in sel if q['id'] not in rated]
if a.ids:
    want = set(x.strip() for x in open(a.ids) if x.strip())
    sel = [q for q in sel if q['id'] in want]
random.Random(a.seed).shuffle(sel)
def render(n, q, key):
    o = [f"## Q{n:03d}", "", q['prompt'].strip(), ""]
    if q.get('code'):
        o += [f"```js  // {'ES module (.mjs)' if q.get('module')=='esm' else 'CommonJS (.cjs)'}", q['code'].strip('\n'), "```", ""]
    k = q['kind']
    if k == 'single':
        opts = [(q['answer'], True)] + [(x, False) for x in q['distractors']]
        random.Random(n).shuffle(opts)
        for i,(t,ok) in enumerate(opts): o.append(f"{'ABCDEF'[i]}. {t}" + (" ✔" if ok and key else ""))
    elif k == 'multi':
        o.append("(select all that apply)")
        opts = [(x, True) for x in q['answers']] + [(x, False) for x in q.get('distractors', [])]
        random.Random(n).shuffle(opts)
        for i,(t,ok) in enumerate(opts): o.append(f"{'ABCDEFGH'[i]}. {t}" + (" ✔" if ok and key else ""))
    elif k == 'order':
        items = list(q['items']); sh = items[:]; random.Random(n).shuffle(sh)
        o.append("(put in order) items: " + " | ".join(sh))
        if key: o.append("KEY order: " + " → ".join(items))
    elif k == 'true-false':
        o.append('(true or false)')
        if key: o.append(f"KEY: {q.get('answer')}")
    elif k == 'text':
        o.append("(typed answer)")
        if key: o.append("KEY accepts: " + " | ".join(q['accept']))
    elif k == 'output':
        if q.get('distractors'):
            opts = [(q['output'].strip('\n'), True)] + [(x, False) for x in q['distractors']]
            random.Random(n).shuffle(opts)
            for i,(t,ok) in enumerate(opts): o.append(f"{'ABCDEF'[i]}.\n```\n{t}\n```" + (" ✔" if ok and key else ""))
        else:
            o.append("(type the output)")
            if key: o += ["KEY output:", "```", q['output'].strip('\n'), "```"]
    else:
        o.append(f"(kind {k}) " + json.dumps({x:q[x] for x in q if x in ('answer','answers','accept')}) if key else f"(kind {k})")
    if key:
        o += ["", "Explanation: " + q.get('explanation','').strip()]
    return "\n".join(o) + "\n"
chunks = [[] for _ in range(a.chunks)]
with open(a.out + '-map.tsv', 'w') as m:
    for i, q in enumerate(sel):
        n = i + 1
        m.write(f"Q{n:03d}\t{q['id']}\t{q['_file']}\n")
        chunks[i * a.chunks // max(1,len(sel))].append(render(n, q, not a.no_key))
for c, body in enumerate(chunks):
    open(f"{a.out}-{c+1}.md", 'w').write("".join(body))
print(len(sel), "questions;", [len(c) for c in chunks])
