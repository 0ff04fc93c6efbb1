#!/usr/bin/env bash
# Benchmark: gen-budget --all on N synthetic units (N = 1, 50, 200) against the typst CLI of
# the same version compiling the same generated .typ files, one process per unit, and the
# preview's refresh after a one-figure edit. Prints a Markdown report on stdout.
#
#   bash benches/run.sh            # needs: cargo install typst-cli --version 0.15.1 --locked
#   SIZES="1 50" bash benches/run.sh
source "$(dirname "$0")/common.sh"
typst=${TYPST:-$(command -v typst || echo "$HOME/.cargo/bin/typst")}
[ -x "$typst" ] || { echo "typst CLI not found: cargo install typst-cli --version 0.15.1 --locked" >&2; exit 2; }
jobs=$(nproc)

echo "## gen-budget vs typst CLI ($("$typst" --version | head -1))"
echo
echo "Machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), $(free -g | awk '/Mem:/ {print $2}') GiB RAM, $(uname -sr). Seed 42; $jobs parallel jobs on both sides."
echo
echo "\"outside Typst\" is the time gen-budget spends in its own stages (loading, checks, view, templates, hashing, writing) as a share of wall time × cores; process start-up (reading the fonts) is in the wall time but not in that share."
echo
echo "| units | pages | gen-budget wall (s) | units/s | peak RSS (MB) | outside Typst | typst CLI wall (s) | CLI units/s | CLI peak RSS per process (MB) | speed-up |"
echo "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
for n in ${SIZES:-1 50 200}; do
  dir="$work/n$n"
  bench_synthetic "$dir" "$n"
  /usr/bin/time -f "%e %M" -o "$work/time" "$bin/gen-budget" --all 2024 --root "$dir" --keep-typ > "$work/out" 2>&1
  read -r wall rss < "$work/time"
  own_s=$(grep -o '程序自身用时 [0-9.]* s' "$work/out" | grep -o '[0-9.]*')
  pages=$(python3 -c "import json;print(sum(d['pages'] for u in json.load(open('$dir/out/2024/manifest.json'))['units'] for d in u['documents']))")
  outside=$(python3 -c "print(f'{$own_s / ($wall * $jobs) * 100:.1f}%')")
  # The same .typ sources through the CLI: one process per unit, $jobs at a time.
  find "$dir/out" -name '*.typ' -print0 > "$work/typs"
  start=$(date +%s.%N)
  xargs -0 -P "$jobs" -I{} /usr/bin/time -f "%M" -a -o "$work/cli-rss" \
    "$typst" compile --font-path "$dir/fonts" --ignore-system-fonts --creation-timestamp 1704067200 {} {}.cli.pdf < "$work/typs"
  end=$(date +%s.%N)
  cli=$(python3 -c "print(f'{$end - $start:.2f}')")
  cli_rss=$(sort -n "$work/cli-rss" | tail -1); rm -f "$work/cli-rss"
  python3 -c "
n, wall, cli = $n, $wall, $cli
print(f'| {n} | $pages | {wall:.2f} | {n / wall:.2f} | {$rss / 1024:.0f} | $outside | {cli:.2f} | {n / cli:.2f} | {$cli_rss / 1024:.0f} | {cli / wall:.2f}× |')"
done

# Preview: time from saving a one-figure edit to the new version being served.
dir="$work/preview"
mkdir -p "$dir"
cp -r departments catalog "$dir/"
bench_fonts "$dir"
port=$(python3 -c "import socket;s=socket.socket();s.bind(('127.0.0.1',0));print(s.getsockname()[1])")
"$bin/gen-budget" preview 普陀城运 2024 --port "$port" --root "$dir" > /dev/null 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; rm -rf "$work"' EXIT
until curl -sf "http://127.0.0.1:$port/version" > /dev/null; do sleep 0.05; done
data="$dir/departments/普陀城运/2024.toml"
results=()
for i in 1 2 3 4 5; do
  before=$(curl -s "http://127.0.0.1:$port/version")
  sed -i "s/^services = [0-9]*/services = 84481$i$i/; s/^sme_reserved = [0-9]*/sme_reserved = 84481$i$i/" "$data"
  start=$(date +%s%N)
  while [ "$(curl -s "http://127.0.0.1:$port/version")" = "$before" ]; do sleep 0.005; done
  end=$(date +%s%N)
  build=$(curl -s "http://127.0.0.1:$port/stats" | python3 -c "import json,sys;print(json.load(sys.stdin)['build_ms'])")
  results+=("$(( (end - start) / 1000000 )) ms (rebuild $build ms)")
  sleep 0.3
done
echo
echo "Preview refresh of 普陀城运 2024 after a one-figure edit (save → new version served; the watcher polls every 50 ms): ${results[*]}"
