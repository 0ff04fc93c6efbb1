#!/usr/bin/env bash
# Benchmark: `gen-budget diff 普陀城运 2024 --against <one-figure edit>` (the 项目支出 of 212 01 99
# raised by 417,490 元), text and JSON, 30 runs each, whole process wall time (start-up, loading
# templates, both editions derived and rendered to Typst source). Prints a Markdown table.
#
#   bash benches/diff.sh
source "$(dirname "$0")/common.sh"
cp -r departments catalog templates "$work/"
sed 's/^project = { general = 116582510 }/project = { general = 117000000 }/' \
  departments/普陀城运/2024.toml > "$work/edit.toml"
echo "| command | median (ms) | min–max (ms) | runs |"
echo "|---|---:|---:|---:|"
python3 - "$bin/gen-budget" "$work" <<'PY'
import statistics, subprocess, sys, time
bin, root = sys.argv[1:]
def timed(label, args, runs=30):
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        done = subprocess.run(args, capture_output=True)
        times.append((time.perf_counter() - start) * 1000)
        assert done.returncode == 0, done.stderr.decode()
        assert "共 35 处数字、5 句" in done.stdout.decode() or label.endswith("json"), done.stdout.decode()[:200]
    print(f"| {label} | {statistics.median(times):.1f} | {min(times):.1f}–{max(times):.1f} | {runs} |")
base = [bin, "diff", "普陀城运", "2024", "--against", f"{root}/edit.toml", "--root", root]
timed("diff 普陀城运 2024 --against <edit>", base)
timed("diff 普陀城运 2024 --against <edit> --format json", base + ["--format", "json"])
PY
