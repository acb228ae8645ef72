#!/bin/bash
# Compares SseFrameWriter at a base commit with the working tree's, in one process, for a machine too loaded for
# back-to-back BenchmarkDotNet runs to resolve 10 %: first byte for byte over random events, then time, the two
# writers taking turns per batch of 1,000 events so that load falls on both alike.
# Usage, from the repository root: bench/SseGen.Benchmarks/WriterAB/compare.sh [base-commit] [rounds]
set -euo pipefail
base=${1:-36ade67}
rounds=${2:-3000}
here=$(cd "$(dirname "$0")" && pwd)
root=$(git -C "$here" rev-parse --show-toplevel)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp "$here"/WriterAB.csproj "$here"/Program.cs "$work"/
git -C "$root" show "$base:runtime/SseGen/Framing/SseFrameWriter.cs" | sed 's/^namespace SseGen;/namespace WriterAB.Old;/' > "$work"/Old.cs
sed 's/^namespace SseGen;/namespace WriterAB.New;/' "$root"/runtime/SseGen/Framing/SseFrameWriter.cs > "$work"/New.cs
# A writer that writes pre-encoded frames needs the frame type beside it (the base may predate it).
for side in Old:"$(git -C "$root" show "$base:runtime/SseGen/Framing/SseFrame.cs" 2>/dev/null || true)" New:"$(cat "$root"/runtime/SseGen/Framing/SseFrame.cs 2>/dev/null || true)"; do
  name=${side%%:*}; text=${side#*:}
  [ -n "$text" ] && printf '%s\n' "$text" | sed "s/^namespace SseGen;/namespace WriterAB.$name;/" > "$work/${name}Frame.cs"
done
dotnet build "$work"/WriterAB.csproj -c Release -o "$work"/out -nologo -v quiet > "$work"/build.log || { cat "$work"/build.log; exit 1; }
dotnet "$work"/out/WriterAB.dll "$rounds"
