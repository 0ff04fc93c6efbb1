#!/usr/bin/env bash
# Benchmark: `gen-budget export` of one unit and `gen-budget import` of its workbook (the
# workbook the export wrote, imported over the unit's own TOML), 20 runs each, whole process
# wall time (start-up included). Prints a Markdown table on stdout.
#
#   bash benches/excel.sh
source "$(dirname "$0")/common.sh"
cp -r departments catalog templates "$work/"
bench_fonts "$work"
echo "| unit | export median (ms) | export min–max (ms) | import median (ms) | import min–max (ms) |"
echo "|---|---:|---:|---:|---:|"
for unit in 普陀城运 安亭城运; do
  python3 - "$bin/gen-budget" "$work" "$unit" <<'PY'
import glob, statistics, subprocess, sys, time
bin, root, unit = sys.argv[1:]
def timed(args):
    runs = []
    for _ in range(20):
        start = time.perf_counter()
        done = subprocess.run(args, capture_output=True)
        runs.append((time.perf_counter() - start) * 1000)
        assert done.returncode == 0, done.stderr.decode()
    return statistics.median(runs), min(runs), max(runs)
e = timed([bin, "export", unit, "2024", "--root", root])
book = glob.glob(f"{root}/out/2024/{unit}/*.xlsx")[0]
i = timed([bin, "import", book, "--root", root])
print(f"| {unit} 2024 | {e[0]:.1f} | {e[1]:.1f}–{e[2]:.1f} | {i[0]:.1f} | {i[1]:.1f}–{i[2]:.1f} |")
PY
done
