#!/usr/bin/env python3
"""README rows pooled over worlds (seeds) from table_worlds.sh output. usage: table_worlds.py DIR"""
import json, glob, math, sys, collections
d = sys.argv[1] if len(sys.argv) > 1 else '/tmp/simw'
def pct(x): return f"{100*x:.1f}%"
rows, bins_rows = [], []
for a in ['1.0', '1.4', '2.0', '3.5']:
    for s in ['0.5', '0.6', '1.0']:
        files = sorted(glob.glob(f'{d}/a{a}-n{s}-w*.json'))
        if not files: continue
        n_tot = 0; acc = collections.defaultdict(float); spread = []; exp = 0
        bins = collections.defaultdict(lambda: [0, 0.0, 0.0])  # count, sum said, sum right
        for f in files:
            p = json.load(open(f))['populations'][0]
            fx = [m for m in p['modes'] if m['mode'] == 'fixed'][0]
            ad = [m for m in p['modes'] if m['mode'] == 'adaptive'][0]
            n = sum(b['count'] for b in ad['calibration']); n_tot += n
            for k, v in [('fx', fx['exact_accuracy']), ('fw', fx['within_one_accuracy']), ('ax', ad['exact_accuracy']),
                         ('aw', ad['within_one_accuracy']), ('q', ad['mean_items']), ('lim', p['oracle_exact_accuracy']),
                         ('said', ad['overall']['mean_probability']), ('right', ad['overall']['accuracy'])]:
                acc[k] += v * n
            spread.append(ad['overall']['mean_probability'] - ad['overall']['accuracy'])
            exp = max(exp, ad['max_exposure'])
            for b in ad['calibration']:
                c = bins[(b['lo'], b['hi'])]; c[0] += b['count']; c[1] += b['mean_probability'] * b['count']; c[2] += b['accuracy'] * b['count']
        m = {k: v / n_tot for k, v in acc.items()}
        se = math.sqrt(m['right'] * (1 - m['right']) / n_tot)
        pooled = [(lo, hi, c, sa / c, r / c) for (lo, hi), (c, sa, r) in sorted(bins.items()) if c]
        big = [b for b in pooled if b[2] >= 300]
        w = min(big, key=lambda b: b[4] - b[3])
        wse = math.sqrt(w[4] * (1 - w[4]) / w[2])
        rows.append(f"| {a} | {s} | {len(files)} × {n_tot // len(files):,} | {pct(m['fx'])} / {pct(m['fw'])} | {pct(m['ax'])} / {pct(m['aw'])} | {m['q']:.1f} | "
                    f"{100*m['said']:.1f} → {100*m['right']:.1f} ± {100*se:.1f} | {100*min(spread):+.1f} … {100*max(spread):+.1f} | "
                    f"{100*w[3]:.1f} → {100*w[4]:.1f} ± {100*wse:.1f} (n={w[2]:,}) | {pct(m['lim'])} ({100*m['ax']/m['lim']:.0f}%) | {pct(exp)} |")
        bins_rows.append(f"| {a} | {s} | " + ' · '.join(f"[{lo:.1f},{hi:.1f}) {100*sa:.1f}→{100*r:.1f} n={c:,}" for lo, hi, c, sa, r in pooled) + " |")
print('\n'.join(rows)); print(); print('\n'.join(bins_rows))
