#!/usr/bin/env bash
# The calibrated loop: do real answers fix what a prior-only engine cannot?
#
# For each simulated world (true discrimination A, tags off by NOISE), from the repo root:
#   1. field:  `levelcheck simulate` gives FIELD standard-normal examinees the adaptive check and
#              writes their answers (--responses-out) and the world's true parameters (--truth-out);
#   2. fit:    `levelcheck calibrate` fits those answers into a copy of the bank folder
#              (questions/, with roadmap.toml and the blind ratings) as DIR/calibration.toml;
#   3. test:   `levelcheck simulate --bank DIR --truth T` gives TEST fresh examinees (another seed)
#              the check in the same world, without the calibration file (before) and with it (after).
# It prints, per world and for each of before/after: exact accuracy, mean questions, what the
# check said against how often it was right overall, and the worst over-confident bin with at
# least 300 examinees. Figures are quoted in README.md ("Measured accuracy") and MODEL.md.
#
#   cargo build --release && examples/calibrated_loop.sh            # FIELD=5000 TEST=10000
#   FIELD=2000 TEST=3000 CELLS="1.4:0.6" examples/calibrated_loop.sh  # one quick world
#
# Environment: LEVELCHECK (the binary, default target/release/levelcheck), FIELD, TEST, CELLS
# (space-separated A:NOISE, default the six worlds a ∈ {1.0, 1.4, 2.0} × noise ∈ {0.5, 1.0}),
# KEEP (a folder to keep the files in; default a temporary folder, removed at the end). Needs
# about 6 MB of disk per 1,000 field examinees. Not part of CI: a 5,000 + 10,000 run of the six
# worlds takes about 15 minutes on two cores.
set -euo pipefail

LEVELCHECK=${LEVELCHECK:-target/release/levelcheck}
FIELD=${FIELD:-5000}
TEST=${TEST:-10000}
CELLS=${CELLS:-"1.0:0.5 1.0:1.0 1.4:0.5 1.4:1.0 2.0:0.5 2.0:1.0"}

if [[ ! -x $LEVELCHECK ]]; then
    echo "calibrated_loop: no binary at $LEVELCHECK (run \`cargo build --release\` from the repo root)" >&2
    exit 2
fi
if [[ ! -f questions/roadmap.toml ]]; then
    echo "calibrated_loop: run from the repo root (questions/roadmap.toml not found)" >&2
    exit 2
fi
if [[ -n ${KEEP:-} ]]; then
    WORK=$KEEP
    mkdir -p "$WORK"
else
    WORK=$(mktemp -d)
    trap 'rm -rf "$WORK"' EXIT
fi

# "exact% · questions · said → right overall · worst bin" from `simulate`'s text output.
summary() {
    awk '
        /^exact accuracy/ { exact = $4 }
        /^mean questions/ { q = $4 }
        /overall said/ { gsub(/[,%]/, ""); said = $3; right = $5; se = $7 }
        /^ *\[[0-9.]+,[0-9.]+\) said/ {
            line = $0; gsub(/[,%()=n]/, " ", line); split(line, f, " ")
            # f: lo hi said S right R ± SE N
            if (f[9] + 0 >= 300 && f[4] - f[6] > worst) { worst = f[4] - f[6]; w = $1 " " f[4] " → " f[6] " (n=" f[9] ")" }
        }
        END {
            printf "exact %s · %s questions · said %s → right %s ± %s (%+.1f) · worst bin n≥300: %s\n",
                exact, q, said, right, se, said - right, (w == "" ? "none over-confident" : w)
        }'
}

for cell in $CELLS; do
    a=${cell%:*}
    noise=${cell#*:}
    dir="$WORK/a$a-noise$noise"
    rm -rf "$dir"
    mkdir -p "$dir"
    cp -r questions "$dir/bank"
    rm -f "$dir/bank/calibration.toml"
    "$LEVELCHECK" --no-history simulate --population standard-normal --seed 1 \
        --examinees "$FIELD" --true-discrimination "$a" --difficulty-noise "$noise" \
        --truth-out "$dir/truth.toml" --responses-out "$dir/field.jsonl" > /dev/null
    test_run() {
        "$LEVELCHECK" --no-history --bank "$dir/bank" simulate --population standard-normal \
            --seed 2 --examinees "$TEST" --truth "$dir/truth.toml"
    }
    before=$(test_run | summary)
    "$LEVELCHECK" --bank "$dir/bank" calibrate "$dir/field.jsonl" \
        --output "$dir/bank/calibration.toml" 2> "$dir/calibrate.log" > /dev/null
    after=$(test_run | summary)
    echo "true a $a, noise $noise ($FIELD field examinees, $TEST test examinees)"
    echo "  before: $before"
    echo "  after:  $after"
    rm -f "$dir/field.jsonl"
done
