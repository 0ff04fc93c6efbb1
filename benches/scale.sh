#!/usr/bin/env bash
# Benchmark: `gen-budget check` of one unit with 1 000, 5 000 and 10 000 [[function]] entries
# (the same 项 repeated, so every entry but the first is a D6 finding, each located and printed,
# and every purpose ends with 。 for a W4 warning each): the cost must grow linearly.
# With `units`: peak RSS of `gen-budget --all 2024` over 200 and 2 000 synthetic units (seed 42),
# which must stay within 10% (issue 15); UNITS="200 2000" by default.
#
#   bash benches/scale.sh
#   bash benches/scale.sh units
source "$(dirname "$0")/common.sh"
if [ "${1:-}" = units ]; then
  echo "| units | pages | wall (s) | peak RSS (MB) | manifest.json (KB) | index.html (KB) |"
  echo "|---:|---:|---:|---:|---:|---:|"
  for n in ${UNITS:-200 2000}; do
    dir="$work/n$n"
    bench_synthetic "$dir" "$n"
    /usr/bin/time -f "%e %M" -o "$work/time" "$bin/gen-budget" --all 2024 --root "$dir" > "$work/out" 2>&1
    read -r wall rss < "$work/time"
    pages=$(python3 -c "import json;print(sum(d['pages'] for u in json.load(open('$dir/out/2024/manifest.json'))['units'] for d in u['documents']))")
    kb() { echo $(( $(stat -c %s "$1") / 1024 )); }
    echo "| $n | $pages | $wall | $(( rss / 1024 )) | $(kb "$dir/out/2024/manifest.json") | $(kb "$dir/out/2024/index.html") |"
    rm -rf "$dir"
  done
  exit 0
fi
cp -r catalog templates "$work/"
bench_fonts "$work"
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
  "$bin/gen-budget" check 大 2024 --root "$work" > /dev/null 2> "$work/err" || true
  end=$(date +%s.%N)
  findings=$(grep -c '^\(错误\|警告\)\[' "$work/err" || true)
  size=$(( $(stat -c %s "$work/departments/大/2024.toml") / 1024 ))
  python3 -c "w = $end - $start; print(f'| $n | $size | $findings | {w:.2f} | {w / $n * 1000:.3f} |')"
done
