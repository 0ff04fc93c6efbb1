#!/usr/bin/env bash
# Benchmark: what tagging (structure tree, artifacts, /Lang) and --pdfua cost. Builds the four shipped
# documents and N synthetic units (gen-budget --all --force) tagged (the default), untagged
# (GEN_BUDGET_UNTAGGED=1, the internal comparison switch) and with --pdfua, alternating the variants
# REPS times, and prints a Markdown table of median CPU times (user + system: on a shared machine far
# steadier than wall time), median wall times and PDF sizes.
#
#   bash benches/tagging.sh              # REPS=5 UNITS=50
#   REPS=3 UNITS=200 bash benches/tagging.sh
source "$(dirname "$0")/common.sh"
reps=${REPS:-5}
units=${UNITS:-50}

# One timed run: variant (tagged|untagged|pdfua), then the gen-budget arguments; prints CPU and wall seconds.
timed() {
  local variant=$1; shift
  local extra=() env=()
  [ "$variant" = untagged ] && env=(GEN_BUDGET_UNTAGGED=1)
  [ "$variant" = pdfua ] && extra=(--pdfua)
  /usr/bin/time -f "%U %S %e" -o "$work/t" env "${env[@]}" "$bin/gen-budget" "$@" "${extra[@]}" > /dev/null 2>&1
  awk '{printf "%.2f %.2f\n", $1 + $2, $3}' "$work/t"
}

# Median of column $1 of the input.
median() { awk -v c="$1" '{print $c}' | sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }

# Rows: label, then the arguments; the variants alternate so load on the machine hits all of them alike.
row() {
  local label=$1; shift
  local pdfs=$1; shift
  : > "$work/tagged"; : > "$work/untagged"; : > "$work/pdfua"
  for _ in $(seq "$reps"); do
    for v in untagged tagged pdfua; do timed "$v" "$@" >> "$work/$v"; done
  done
  local size_u size_t
  env GEN_BUDGET_UNTAGGED=1 "$bin/gen-budget" "$@" > /dev/null 2>&1
  size_u=$(find $pdfs -name '*.pdf' -printf '%s\n' | awk '{s+=$1} END {print s}')
  "$bin/gen-budget" "$@" > /dev/null 2>&1
  size_t=$(find $pdfs -name '*.pdf' -printf '%s\n' | awk '{s+=$1} END {print s}')
  python3 -c "
u, t, ua = $(median 1 < "$work/untagged"), $(median 1 < "$work/tagged"), $(median 1 < "$work/pdfua")
wu, wt = $(median 2 < "$work/untagged"), $(median 2 < "$work/tagged")
print(f'| $label | {u:.2f} | {t:.2f} | {(t - u) / u * 100:+.1f}% | {ua:.2f} | {(ua - u) / u * 100:+.1f}% | {wu:.2f} / {wt:.2f} | {$size_u / 1024:.0f} | {$size_t / 1024:.0f} |')"
}

dir="$work/shipped"
mkdir -p "$dir"
cp -r departments catalog "$dir/"
bench_fonts "$dir"
syn="$work/synthetic"
bench_synthetic "$syn" "$units"

echo "## Tagging cost"
echo
echo "Machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), load average $(cut -d' ' -f1-3 /proc/loadavg) at the start. Median of $reps runs per variant, variants alternating; CPU time (user + system) of the whole process (fonts, checks, typesetting, export, writing), and its wall time."
echo
echo "| build | CPU untagged (s) | CPU tagged (s) | tagging costs | CPU --pdfua (s) | --pdfua costs | wall untagged / tagged (s) | PDF untagged (KiB) | PDF tagged (KiB) |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|"
row "普陀城运 2024 (22 p.)" "$dir/out/2024/普陀城运" 普陀城运 2024 --root "$dir"
row "普陀城运 2023 自评 (14 p.)" "$dir/out/2023/普陀城运" 普陀城运 2023 --root "$dir"
row "安亭城运 2024 镇级 (28 p.)" "$dir/out/2024/安亭城运" 安亭城运 2024 --root "$dir"
row "松江城运 2022 申报表 (19 p.)" "$dir/out/2022/松江城运" 松江城运 2022 --root "$dir"
row "$units synthetic units, --all --force" "$syn/out" --all 2024 --force --root "$syn"
