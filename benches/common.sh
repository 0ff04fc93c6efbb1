# The benchmarks' shared preamble, sourced (`source "$(dirname "$0")/common.sh"`): strict mode,
# the repository as working directory, a release build, and a scratch folder removed on exit.
# Sets `root` (the repository), `bin` (the release folder: `$bin/gen-budget`, `$bin/synth`) and
# `work` (the scratch folder).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
root=$(pwd)
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/gen-budget}"
cargo build --release --quiet
bin="$CARGO_TARGET_DIR/release"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The shipped fonts in folder $1/fonts: hard links where possible (35 MB), copies otherwise.
bench_fonts() {
  cp -rl "$root/fonts" "$1/fonts" 2>/dev/null || cp -r "$root/fonts" "$1/fonts"
}

# A project of $2 synthetic units (seed 42) in folder $1: the catalogue, the fonts and departments/.
bench_synthetic() {
  mkdir -p "$1"
  cp -r "$root/catalog" "$1/"
  bench_fonts "$1"
  "$bin/synth" --units "$2" --seed 42 --root "$1" --catalog "$root" > /dev/null
}
