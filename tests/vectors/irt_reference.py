#!/usr/bin/env python3
"""Independent reference values for tests/irt_vectors.rs.

Computed with plain Python floats, with no code shared with levelcheck: the 3PL probability and
Fisher information from their textbook formulas, and the EAP estimate and posterior SD by
integrating over a fine grid (200,001 points on [-8, 8], 50x finer and wider than the engine's).
Run: python3 tests/vectors/irt_reference.py
"""
import math

def p3(a, b, c, t):
    return c + (1 - c) / (1 + math.exp(-a * (t - b)))

def info(a, b, c, t):
    p = p3(a, b, c, t)
    return a * a * ((p - c) / (1 - c)) ** 2 * (1 - p) / p

ITEMS = [  # (a, b, c)
    (1.2, -1.0, 0.25),
    (2.0, 0.0, 0.0),
    (1.5, 0.8, 0.5),
    (0.9, 1.5, 0.2),
]
RESPONSES = [(0, True), (2, False)]

print("p(item, theta=0.3):", [round(p3(*it, 0.3), 6) for it in ITEMS])
print("info(item, theta=0.3):", [round(info(*it, 0.3), 6) for it in ITEMS])

n = 200001
lo, hi = -8.0, 8.0
step = (hi - lo) / (n - 1)
num = den = 0.0
grid = [lo + i * step for i in range(n)]
w = []
for t in grid:
    d = math.exp(-0.5 * t * t)
    for k, right in RESPONSES:
        p = p3(*ITEMS[k], t)
        d *= p if right else 1 - p
    w.append(d)
den = sum(w)
mean = sum(wi * t for wi, t in zip(w, grid)) / den
var = sum(wi * (t - mean) ** 2 for wi, t in zip(w, grid)) / den
print("eap:", round(mean, 6), "sd:", round(math.sqrt(var), 6))
cuts = [-1.5, -0.5, 0.5, 1.5]
bands = [0.0] * 5
for wi, t in zip(w, grid):
    k = sum(1 for c in cuts if t >= c)
    bands[k] += wi / den
print("bands:", [round(b, 6) for b in bands])
unasked = [1, 3]
best = max(unasked, key=lambda k: info(*ITEMS[k], mean))
print("next (max information at the EAP among unasked):", best, [round(info(*ITEMS[k], mean), 6) for k in range(4)])

# The engine's default posterior is a mixture over how sharp the slopes really are: every slope
# times each factor, the factors equally likely a priori (src/engine/irt.rs SLOPE_FACTORS).
FACTORS = [0.6, 0.8, 1.05, 1.4]
mw = [0.0] * n
for f in FACTORS:
    for i, t in enumerate(grid):
        d = math.exp(-0.5 * t * t)
        for k, right in RESPONSES:
            a, b, c = ITEMS[k]
            p = p3(a * f, b, c, t)
            d *= p if right else 1 - p
        mw[i] += d
mden = sum(mw)
mmean = sum(wi * t for wi, t in zip(mw, grid)) / mden
mvar = sum(wi * (t - mmean) ** 2 for wi, t in zip(mw, grid)) / mden
print("mixture eap:", round(mmean, 6), "sd:", round(math.sqrt(mvar), 6))
mbands = [0.0] * 5
for wi, t in zip(mw, grid):
    mbands[sum(1 for c in cuts if t >= c)] += wi / mden
print("mixture bands:", [round(b, 6) for b in mbands])

# The next question: information at each cut, weighted by the posterior density there, with
# every guessing chance floored at 0.2 for ranking (src/engine/adaptive.rs).
def density(x):
    i = min(range(n), key=lambda j: abs(grid[j] - x))
    return mw[i] / mden / step
for k in (1, 3):
    a, b, c = ITEMS[k]
    score = sum(density(cut) * info(a, b, max(c, 0.2), cut) for cut in cuts)
    print("cut-weighted score of item", k, ":", round(score, 6))
