#!/usr/bin/env bash
# Preview refresh of 普陀城运 2024 in headless Chromium: 20 edits of one figure, each timed in
# the page from the file write to the DOM change (and to the changed image loaded), with the
# median split into file event, compile, render and push, and the server's RSS afterwards.
# Needs chromium and chromium-driver (as the preview tests do). Prints one line on stdout.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo test --release --test it -- --ignored --exact preview::edits::preview_bench --nocapture 2>/dev/null | grep '^preview '
