#!/usr/bin/env python3
"""README rows from /tmp/sim/*.json."""
import json
def pct(x): return f"{100*x:.1f}%"
rows=[]; bins=[]
for a in ['1.0','1.4','2.0','3.5']:
    for s in ['0.5','0.6','1.0']:
        d=json.load(open(f'/tmp/sim/a{a}-n{s}.json'))
        p=d['populations'][0]; fx=[m for m in p['modes'] if m['mode']=='fixed'][0]; ad=[m for m in p['modes'] if m['mode']=='adaptive'][0]
        o=ad['overall']
        cal=ad['calibration']
        big=[b for b in cal if b['count']>=300]
        worst=min(big,key=lambda b:b['accuracy']-b['mean_probability'])
        lim=p['oracle_exact_accuracy']
        rows.append(f"| {a} | {s} | 10,000 | {pct(fx['exact_accuracy'])} / {pct(fx['within_one_accuracy'])} | {pct(ad['exact_accuracy'])} / {pct(ad['within_one_accuracy'])} | {ad['mean_items']:.1f} ({ad['p90_items']}) | {100*o['mean_probability']:.1f} → {100*o['accuracy']:.1f} ± {100*o['standard_error']:.1f} | {100*worst['mean_probability']:.1f} → {100*worst['accuracy']:.1f} ± {100*worst['standard_error']:.1f} (n={worst['count']:,}) | {pct(lim)} ({100*ad['exact_accuracy']/lim:.0f}%) | {pct(ad['max_exposure'])} |")
        bl=' · '.join(f"[{b['lo']:.1f},{b['hi']:.1f}) {100*b['mean_probability']:.1f}→{100*b['accuracy']:.1f}±{100*b['standard_error']:.1f} n={b['count']:,}" for b in cal)
        bins.append(f"| {a} | {s} | {bl} |")
print('\n'.join(rows)); print(); print('\n'.join(bins))
