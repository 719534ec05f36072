#!/usr/bin/env python3
"""Judge TOML keyed by Qnnn -> id-keyed answers file. usage: convert.py MAP RATINGS OUT"""
import sys, tomllib, json
m = {l.split('\t')[0]: l.split('\t')[1] for l in open(sys.argv[1])}
d = tomllib.load(open(sys.argv[2], 'rb'))
with open(sys.argv[3], 'w') as o:
    for k, v in d.items():
        parts = [f'level = "{v["level"]}"']
        if 'difficulty' in v: parts.append(f'difficulty = {v["difficulty"]}')
        if v.get('note'): parts.append('note = ' + json.dumps(v['note']))
        o.write(f'"{m[k]}" = {{ {", ".join(parts)} }}\n')
