#!/usr/bin/env bash
# Time `flask freeze` of a synthetic site against peers, in pairs within one run.
#
#   bench/freeze_vs_peers.sh [N] [RUNS] [PEER...]
#
# N posts (default 1000) from ../shared/bench/gen_corpus.py, RUNS pairs (default 5), PEERs
# from ../shared/bench/peers.sh (default: baseline; hugo and jekyll when installed).
# Prints each run and the median seconds of each tool and of each ratio tag_site / peer.
set -euo pipefail
cd "$(dirname "$0")/.."
N="${1:-1000}"; RUNS="${2:-5}"; shift $(( $# > 2 ? 2 : $# )) || true
KIT="${BENCH_KIT:-../shared/bench}"
PEERS=("$@")
if [ ${#PEERS[@]} -eq 0 ]; then
  PEERS=(baseline)
  command -v hugo >/dev/null && PEERS+=(hugo)
  command -v jekyll >/dev/null && PEERS+=(jekyll)
fi
WORK="$(mktemp -d)"; trap 'rm -rf "$WORK"' EXIT
python3 "$KIT/gen_corpus.py" "$N" "$WORK/corpus" >/dev/null
CONTENT="$WORK/corpus/flat/content"
printf -- "---\nlayout: home\n---\nHome\n" > "$CONTENT/index.md"
export SSG_VENV="${SSG_VENV:-$PWD/.venv}" SSG_OUT_ROOT="$WORK/out"

seconds() { local t0 t1; t0=$(date +%s.%N); "$@" >/dev/null 2>&1; t1=$(date +%s.%N); echo "$t1 - $t0" | bc; }
ours() { TAG_SITE_CONTENT_DIR="$CONTENT" TAG_SITE_TODAY=2030-01-01 .venv/bin/flask freeze --dest "$WORK/ours"; }

declare -A times
for run in $(seq "$RUNS"); do
  for peer in "${PEERS[@]}"; do
    a=$(seconds ours); b=$(seconds bash "$KIT/peers.sh" build "$peer" "$WORK/corpus")
    times[ours]+="$a "; times[$peer]+="$b "; times[ratio-$peer]+="$(echo "scale=3; $a / $b" | bc) "
    echo "run $run: tag_site ${a}s, $peer ${b}s"
  done
done
median() { tr ' ' '\n' | grep -v '^$' | sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
echo "== $N posts, median of $RUNS pairs (wall seconds)"
echo "tag_site freeze: $(echo "${times[ours]}" | median)"
for peer in "${PEERS[@]}"; do
  echo "$peer: $(echo "${times[$peer]}" | median)   ratio tag_site/$peer: $(echo "${times[ratio-$peer]}" | median)"
done
