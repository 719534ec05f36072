#!/usr/bin/env bash
cd /work/main; mkdir -p /tmp/sim
for a in 1.0 1.4 2.0 3.5; do for s in 0.5 0.6 1.0; do
  ./target/release/levelcheck --no-history simulate --population standard-normal --examinees 10000 --seed 1 --true-discrimination $a --difficulty-noise $s --format json > /tmp/sim/a$a-n$s.json
done; done; echo done
