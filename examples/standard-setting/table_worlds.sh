#!/usr/bin/env bash
# The README's accuracy table over several simulated worlds: each seed draws its own truth (every
# question's true slope and difficulty error) and its own examinees, so one seed is one world and a
# bin's calibration at sharp slopes swings with it. WORLDS seeds × PER examinees per cell.
# usage: WORLDS=5 PER=2000 examples/standard-setting/table_worlds.sh OUT_DIR
set -eu
out=${1:-/tmp/simw}; mkdir -p "$out"
LC=${LC:-./target/release/levelcheck}
for a in 1.0 1.4 2.0 3.5; do for s in 0.5 0.6 1.0; do for seed in $(seq 1 "${WORLDS:-5}"); do
  "$LC" --no-history simulate --population standard-normal --examinees "${PER:-2000}" --seed "$seed" \
    --true-discrimination $a --difficulty-noise $s --format json > "$out/a$a-n$s-w$seed.json"
done; done; done
