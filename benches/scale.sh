#!/usr/bin/env bash
# Benchmark: `gen-budget check` of one unit with 1 000, 5 000 and 10 000 [[function]] entries
# (the same 项 repeated, so every entry but the first is a D6 finding, each located and printed,
# and every purpose ends with 。 for a W4 warning each): the cost must grow linearly.
#
#   bash benches/scale.sh
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/gen-budget}"
cargo build --release --quiet
bin="$CARGO_TARGET_DIR/release/gen-budget"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -r catalog templates "$work/"
cp -rl "$root/fonts" "$work/fonts" 2>/dev/null || cp -r "$root/fonts" "$work/fonts"
mkdir -p "$work/departments/大"
echo "| entries | file (KB) | findings | check wall (s) | s per 1 000 entries |"
echo "|---:|---:|---:|---:|---:|"
for n in 1000 5000 10000; do
  python3 - "$root/departments/普陀城运/2024.toml" "$work/departments/大/2024.toml" "$n" <<'PY'
import sys
src, dst, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
text = open(src, encoding="utf-8").read()
head = text.split("[[function]]")[0]
rest = text[text.index("# 一般公共预算基本支出"):]
entries = "".join(f'[[function]]\ncode = "2120199"\nbasic = {{ general = 1 }}\nprior = 1\npurpose = "用途{i}。"\nreason = "原因"\n\n' for i in range(n))
open(dst, "w", encoding="utf-8").write(head + entries + rest)
PY
  start=$(date +%s.%N)
  "$bin" check 大 2024 --root "$work" > /dev/null 2> "$work/err" || true
  end=$(date +%s.%N)
  findings=$(grep -c '^\(错误\|警告\)\[' "$work/err" || true)
  size=$(( $(stat -c %s "$work/departments/大/2024.toml") / 1024 ))
  python3 -c "w = $end - $start; print(f'| $n | $size | $findings | {w:.2f} | {w / $n * 1000:.3f} |')"
done
