#!/usr/bin/env bash
# Replays deploy/Dockerfile without docker: copies what the build stage COPYs into an empty
# folder, builds there as the RUN line does, and runs the binary on a project holding only
# departments/ and catalog/, as the image's /project is. It catches a file the build needs but the
# Dockerfile does not copy, and a binary that still needs fonts or templates on disk. The base
# images and apt are not exercised. Run from anywhere; .ci/run runs it after the tests.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/gen-budget}"
work=$(mktemp -d)
# The build folder stays at one path: cargo tells path packages (gen-budget, vendor/comemo) apart
# by path, so a new folder each run would rebuild Typst's crates in the shared target folder.
context="$HOME/.cache/gen-budget-replay"
rm -rf "$context"
mkdir -p "$context"
trap 'rm -rf "$work" "$context"' EXIT

# COPY lines of a stage (1: build, 2: run), without those copying from another stage.
copies() { awk -v stage="$1" '/^FROM /{n++} n==stage && /^COPY / && !/--from/ {$1=""; print}' deploy/Dockerfile; }

while read -r -a parts; do
  dest=${parts[-1]}
  unset 'parts[-1]'
  for source in "${parts[@]}"; do
    if [ "$dest" = "./" ]; then cp -rp "$source" "$context/"; else cp -rp "$source" "$context/$dest"; fi
  done
done < <(copies 1)
# The run stage copies from the context too: every source must exist.
while read -r -a parts; do
  unset 'parts[-1]'
  for source in "${parts[@]}"; do [ -e "$source" ] || { echo "replay-build: the run stage copies $source, which is missing" >&2; exit 1; }; done
done < <(copies 2)

build=$(grep -m1 '^RUN cargo build' deploy/Dockerfile | sed 's/^RUN //')
(cd "$context" && eval "$build" --quiet)

mkdir -p "$work/project"
cp -r "$repo/departments" "$repo/catalog" "$work/project/"
(cd "$work/project" && "$CARGO_TARGET_DIR/release/gen-budget" --all 2024 > "$work/log" 2>&1) || { cat "$work/log" >&2; exit 1; }
pdfs=$(find "$work/project/out/2024" -name '*.pdf' | wc -l)
[ "$pdfs" -gt 0 ] && [ -f "$work/project/out/fonts/sans.otf" ] || { echo "replay-build: no PDFs or no out/fonts/sans.otf" >&2; exit 1; }
echo "replay-build: the Dockerfile's build stage builds; its binary made $pdfs PDFs from departments/ and catalog/ alone"
