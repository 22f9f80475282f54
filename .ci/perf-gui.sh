#!/usr/bin/env bash
# GUI start time and memory with ten years of entries (issue 8).
#
# Starts the release binary under Xvfb with a BETWEEN_HOME holding N
# synthetic entries (default 10,000, packed, made by the hidden development
# aid `between dev-seed`), then prints:
#   - cold start: process launch -> window mapped, and -> first non-blank frame
#   - RSS (VmRSS and peak VmHWM) on the lock screen
#   - unlock: passphrase typed with xdotool; time until the journal shows
#     (screen changes and RSS settles) and RSS after unlock
# Usage: .ci/perf-gui.sh [N]
# Needs: apt-get install -y xvfb imagemagick x11-utils xdotool
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-10000}
export XDG_RUNTIME_DIR=${XDG_RUNTIME_DIR:-$(mktemp -d)}
chmod 700 "$XDG_RUNTIME_DIR"
home=$(mktemp -d)
export BETWEEN_HOME="$home"
pass="correct horse battery staple"
export TZ=${TZ:-America/New_York}
bin=${BIN:-target/release/between}
[ -x "$bin" ] || cargo build --release

ms() { date +%s%3N; }
deadline() { [ "$(ms)" -lt $(( $1 + 60000 )) ] || { echo "timed out after 60 s" >&2; exit 1; }; }
rss() { awk -v k="$2:" '$1==k {printf "%.1f MiB", $2/1024}' "/proc/$1/status"; }
rss_kb() { awk '$1=="VmRSS:" {print $2}' "/proc/$1/status"; }

echo "== seeding $n synthetic entries (dev-seed; scrypt paid twice: init, pack)"
t=$(ms)
BETWEEN_PASSPHRASE="$pass" "$bin" init >/dev/null
BETWEEN_PASSPHRASE="$pass" "$bin" dev-seed "$n" --seed 2026
echo "   seeded in $(( $(ms) - t )) ms; vault: $(du -sh "$home/vault" 2>/dev/null | cut -f1 || du -sh "$home" | cut -f1)"

display=:78
Xvfb $display -screen 0 1280x800x24 >/dev/null 2>&1 &
xvfb=$!
app=
trap 'kill $app $xvfb 2>/dev/null || true; rm -rf "$home"' EXIT
export DISPLAY=$display
for _ in $(seq 50); do xdpyinfo >/dev/null 2>&1 && break; sleep 0.1; done

# The GUI never reads BETWEEN_PASSPHRASE; make sure it is not set.
unset BETWEEN_PASSPHRASE
sync
t0=$(ms)
"$bin" >/dev/null 2>&1 &
app=$!
wid=
until wid=$(xdotool search --onlyvisible --name '^Between$' 2>/dev/null | head -1) && [ -n "$wid" ]; do
  deadline "$t0"; sleep 0.02
done
t_map=$(ms)
# First frame with content: more than one colour in the window.
until [ "$(import -window "$wid" -format '%k' info: 2>/dev/null || echo 0)" -gt 1 ]; do
  deadline "$t0"; sleep 0.02
done
t_draw=$(ms)
echo "== cold start ($n entries, locked): window mapped $(( t_map - t0 )) ms, first drawn frame $(( t_draw - t0 )) ms"
sleep 2
echo "== lock screen: RSS $(rss $app VmRSS), peak $(rss $app VmHWM)"

# Unlock by typing the passphrase, as a person would.
before=$(import -window "$wid" -format '%#' info:)
xdotool mousemove --window "$wid" 640 400 >/dev/null 2>&1 || true
xdotool windowfocus "$wid" >/dev/null 2>&1 || true
xdotool key --clearmodifiers Tab
sleep 0.3
xdotool type --delay 10 "$pass"
t1=$(ms)
xdotool key --clearmodifiers Return
# Wait for the screen to change and RSS to stay put for a second.
until [ "$(import -window "$wid" -format '%#' info:)" != "$before" ]; do deadline "$t1"; sleep 0.05; done
last=$(rss_kb $app); stable=0
while [ $stable -lt 10 ]; do
  deadline "$t1"; sleep 0.1
  now=$(rss_kb $app)
  if [ "$now" = "$last" ]; then stable=$((stable + 1)); else stable=0; last=$now; fi
done
t2=$(( $(ms) - 1000 ))
mkdir -p target/perf-gui
import -window "$wid" target/perf-gui/after-unlock.png
echo "== unlock incl. scrypt (~1 s), $n entries: ~$(( t2 - t1 )) ms to a settled journal screen (screenshot: target/perf-gui/after-unlock.png)"
echo "== journal screen: RSS $(rss $app VmRSS), peak $(rss $app VmHWM)"
