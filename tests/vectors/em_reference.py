#!/usr/bin/env python3
"""Independent reference fit for tests/em_vectors.rs (levelcheck calibrate's EM).

Written from the model, with no code shared with levelcheck (stdlib only):

  P(right | theta) = c + (1 - c) / (1 + exp(-a (theta - b)))      c fixed per item
  theta ~ Normal(0, 1), integrated on 61 equally spaced points over [-6, 6], weights
          exp(-theta^2 / 2) normalised to sum 1
  priors: log a ~ Normal(log a0, 0.2^2), b ~ Normal(b0, 0.7^2)  (MAP, per item)

The fit maximises the marginal log posterior
  sum_people log sum_k w_k prod_j P_j(theta_k)^y (1 - P_j(theta_k))^(1 - y) + log priors
by Bock-Aitkin EM: the E-step gives every person's posterior over the grid, the M-step maximises
each item's expected complete-data log posterior by Newton's method on (log a, b) with the exact
Hessian (levelcheck uses Fisher scoring), and EM runs until no parameter moves 1e-9 (levelcheck
stops at 1e-4). At the end the gradient of the *marginal* log posterior itself is taken by
central finite differences, as a check that the fixed point is its maximum.

Writes tests/vectors/em_small.jsonl (the data: one person a line, generated with seed 20261202)
and tests/vectors/em_small_fit.json (settings, priors and the fitted a, b).
Regenerate: python3 tests/vectors/em_reference.py   (about a minute)
"""
import json
import math
import os
import random

POINTS = 61
RANGE = 6.0
SD_LOG_A = 0.2
SD_B = 0.7
PEOPLE = 300
SEED = 20261202

# (a0, b0, c) priors; the truth (below) is off them, as real items are off their tags.
PRIORS = [
    (1.19, -1.5, 0.0),
    (1.19, -0.8, 0.25),
    (1.19, -0.3, 0.5),
    (1.19, 0.0, 0.0),
    (1.19, 0.4, 0.25),
    (1.19, 0.9, 0.0),
    (1.19, 1.4, 0.25),
    (1.19, 2.0, 0.0),
]
TRUTH = [  # (a, b)
    (1.6, -1.0),
    (0.9, -1.2),
    (1.4, 0.2),
    (2.0, 0.3),
    (1.1, 0.0),
    (0.8, 1.5),
    (1.8, 1.0),
    (1.3, 1.6),
]

HERE = os.path.dirname(os.path.abspath(__file__))


def p_right(a, b, c, t):
    return c + (1.0 - c) / (1.0 + math.exp(-a * (t - b)))


def grid():
    step = 2 * RANGE / (POINTS - 1)
    pts = [-RANGE + k * step for k in range(POINTS)]
    raw = [math.exp(-0.5 * t * t) for t in pts]
    s = sum(raw)
    return pts, [r / s for r in raw]


def simulate():
    rng = random.Random(SEED)
    data = []
    for _ in range(PEOPLE):
        theta = rng.gauss(0.0, 1.0)
        data.append([rng.random() < p_right(a, b, PRIORS[j][2], theta)
                     for j, (a, b) in enumerate(TRUTH)])
    return data


def person_posteriors(data, params, pts, w):
    """Each person's posterior over the grid (normalised), and the marginal log likelihood."""
    table = [[p_right(math.exp(la), b, PRIORS[j][2], t) for t in pts]
             for j, (la, b) in enumerate(params)]
    posts, total = [], 0.0
    for ys in data:
        like = list(w)
        for j, y in enumerate(ys):
            row = table[j]
            for k in range(POINTS):
                like[k] *= row[k] if y else 1.0 - row[k]
        s = sum(like)
        total += math.log(s)
        posts.append([x / s for x in like])
    return posts, total


def log_prior(j, la, b):
    a0, b0, _ = PRIORS[j]
    return -0.5 * ((la - math.log(a0)) / SD_LOG_A) ** 2 - 0.5 * ((b - b0) / SD_B) ** 2


def marginal_log_posterior(data, params, pts, w):
    _, ll = person_posteriors(data, params, pts, w)
    return ll + sum(log_prior(j, la, b) for j, (la, b) in enumerate(params))


def newton_item(j, la, b, n, r, pts):
    """Maximises sum_k r_k log P + (n_k - r_k) log(1 - P) + log prior over (log a, b)."""
    a0, b0, c = PRIORS[j]

    def value(la, b):
        a = math.exp(la)
        v = log_prior(j, la, b)
        for k, t in enumerate(pts):
            p = p_right(a, b, c, t)
            v += r[k] * math.log(p) + (n[k] - r[k]) * math.log(1.0 - p)
        return v

    for _ in range(100):
        a = math.exp(la)
        g = [-(la - math.log(a0)) / SD_LOG_A ** 2, -(b - b0) / SD_B ** 2]
        h = [[-1.0 / SD_LOG_A ** 2, 0.0], [0.0, -1.0 / SD_B ** 2]]
        for k, t in enumerate(pts):
            # With s the logistic of a (t - b): P = c + (1 - c) s.
            s = 1.0 / (1.0 + math.exp(-a * (t - b)))
            p = c + (1.0 - c) * s
            ds = s * (1.0 - s)
            d2s = ds * (1.0 - 2.0 * s)
            # Derivatives of u = a (t - b) in (log a, b).
            u_la, u_b = a * (t - b), -a
            u_lala, u_lab, u_bb = a * (t - b), -a, 0.0
            p_la, p_b = (1 - c) * ds * u_la, (1 - c) * ds * u_b
            p_lala = (1 - c) * (d2s * u_la * u_la + ds * u_lala)
            p_lab = (1 - c) * (d2s * u_la * u_b + ds * u_lab)
            p_bb = (1 - c) * (d2s * u_b * u_b + ds * u_bb)
            # d/dP of r log P + (n - r) log(1 - P), and d2/dP2.
            f1 = r[k] / p - (n[k] - r[k]) / (1 - p)
            f2 = -r[k] / p ** 2 - (n[k] - r[k]) / (1 - p) ** 2
            g[0] += f1 * p_la
            g[1] += f1 * p_b
            h[0][0] += f2 * p_la * p_la + f1 * p_lala
            h[0][1] += f2 * p_la * p_b + f1 * p_lab
            h[1][1] += f2 * p_b * p_b + f1 * p_bb
        h[1][0] = h[0][1]
        det = h[0][0] * h[1][1] - h[0][1] * h[1][0]
        step = [-(h[1][1] * g[0] - h[0][1] * g[1]) / det,
                -(h[0][0] * g[1] - h[1][0] * g[0]) / det]
        if det <= 0 or h[0][0] >= 0:  # not concave here: a gradient step instead
            step = [0.1 * g[0], 0.1 * g[1]]
        before = value(la, b)
        size = 1.0
        while size > 1e-12 and value(la + size * step[0], b + size * step[1]) < before:
            size /= 2
        la, b = la + size * step[0], b + size * step[1]
        if max(abs(size * step[0]), abs(size * step[1])) < 1e-13:
            break
    return la, b


def fit(data):
    pts, w = grid()
    params = [(math.log(a0), b0) for a0, b0, _ in PRIORS]
    for it in range(1, 5001):
        posts, _ = person_posteriors(data, params, pts, w)
        new = []
        for j, (la, b) in enumerate(params):
            n = [0.0] * POINTS
            r = [0.0] * POINTS
            for ys, post in zip(data, posts):
                for k in range(POINTS):
                    n[k] += post[k]
                    if ys[j]:
                        r[k] += post[k]
            new.append(newton_item(j, la, b, n, r, pts))
        moved = max(max(abs(x[0] - y[0]), abs(x[1] - y[1])) for x, y in zip(new, params))
        params = new
        if moved < 1e-9:
            return params, it
    raise SystemExit("EM did not converge")


def marginal_gradient(data, params):
    pts, w = grid()
    h = 1e-5
    grad = []
    for j in range(len(params)):
        for d in range(2):
            up = [list(p) for p in params]
            dn = [list(p) for p in params]
            up[j][d] += h
            dn[j][d] -= h
            grad.append((marginal_log_posterior(data, up, pts, w)
                         - marginal_log_posterior(data, dn, pts, w)) / (2 * h))
    return max(abs(g) for g in grad)


def main():
    data = simulate()
    params, iterations = fit(data)
    worst = marginal_gradient(data, params)
    assert worst < 1e-3, worst
    with open(os.path.join(HERE, "em_small.jsonl"), "w") as f:
        for ys in data:
            f.write(json.dumps([1 if y else 0 for y in ys]) + "\n")
    out = {
        "about": "tests/vectors/em_reference.py: reference MAP fit of em_small.jsonl",
        "quad_points": POINTS,
        "quad_range": RANGE,
        "prior_sd_log_a": SD_LOG_A,
        "prior_sd_b": SD_B,
        "priors": [{"a": a0, "b": b0, "c": c} for a0, b0, c in PRIORS],
        "em_iterations": iterations,
        "max_marginal_gradient": worst,
        "fitted": [{"a": round(math.exp(la), 6), "b": round(b, 6)} for la, b in params],
    }
    with open(os.path.join(HERE, "em_small_fit.json"), "w") as f:
        json.dump(out, f, indent=1)
        f.write("\n")
    print(json.dumps(out["fitted"]))
    print("EM iterations:", iterations, " max |marginal gradient|:", worst)


if __name__ == "__main__":
    main()
