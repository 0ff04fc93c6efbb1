#!/usr/bin/env bash
# Benchmark: the batch changes page (`--all 2024 --diff-against HEAD`) over N synthetic units
# (N = 50, 200) committed to a fresh git repository, every tenth unit then edited (one figure).
# Timed: the second batch run, where every unit's PDF is unchanged and skipped, so the wall
# time is the changes page (N comparisons, each edition read from git) plus the skip hashing;
# the same run without --diff-against is given for the difference.
#
#   bash benches/changes.sh
source "$(dirname "$0")/common.sh"
echo "| units | edited | batch with changes page (s) | batch without (s) | changes page (s) | ms per unit |"
echo "|---:|---:|---:|---:|---:|---:|"
for n in ${SIZES:-50 200}; do
  dir="$work/n$n"
  bench_synthetic "$dir" "$n"
  git -C "$dir" init -q && git -C "$dir" add departments catalog && git -C "$dir" -c user.name=b -c user.email=b@b commit -qm base
  edited=0
  for f in $(ls "$dir"/departments/*/2024.toml | awk 'NR % 10 == 1'); do
    sed -i '0,/^goods = [0-9]*/s//goods = 1/' "$f"; edited=$((edited + 1))
  done
  "$bin/gen-budget" --all 2024 --root "$dir" > /dev/null 2>&1 || true
  start=$(date +%s.%N)
  "$bin/gen-budget" --all 2024 --root "$dir" > /dev/null 2>&1 || true
  plain=$(python3 -c "import time; print(time.time() - $start)")
  start=$(date +%s.%N)
  "$bin/gen-budget" --all 2024 --diff-against HEAD --root "$dir" > /dev/null 2>&1 || true
  with=$(python3 -c "import time; print(time.time() - $start)")
  grep -q "个有变化" "$dir/out/2024/changes.html"
  python3 -c "w, p = $with, $plain; print(f'| $n | $edited | {w:.2f} | {p:.2f} | {w - p:.2f} | {(w - p) / $n * 1000:.1f} |')"
done
