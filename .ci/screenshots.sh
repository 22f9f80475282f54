#!/usr/bin/env bash
# Runs the release binary under Xvfb and saves a PNG of each screen into
# ./screenshots. Needs: apt-get install -y xvfb imagemagick x11-utils xdotool
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-screenshots}
mkdir -p "$out"
export XDG_RUNTIME_DIR=${XDG_RUNTIME_DIR:-$(mktemp -d)}
chmod 700 "$XDG_RUNTIME_DIR"
home=$(mktemp -d)
export BETWEEN_HOME="$home"
export BETWEEN_PASSPHRASE="correct horse battery staple"
export TZ=${TZ:-America/New_York}
bin=target/release/between
[ -x "$bin" ] || cargo build --release

display=:77
Xvfb $display -screen 0 1280x800x24 >/dev/null 2>&1 &
xvfb=$!
trap 'kill $app $xvfb 2>/dev/null || true; rm -rf "$home"' EXIT
export DISPLAY=$display
sleep 1

shot() { # name
  sleep "${2:-1.5}"
  import -window root "$out/$1.png"
  echo "saved $out/$1.png"
}
key() { xdotool key --clearmodifiers "$@"; sleep 0.4; }
type_text() { xdotool type --delay 15 "$1"; sleep 0.4; }
click_at() { xdotool mousemove "$1" "$2" click 1; sleep 0.6; }

start_app() {
  "$bin" >/dev/null 2>&1 &
  app=$!
  sleep 3
}

# 1. First run: setup screen.
start_app
shot 01-setup
kill $app; wait $app 2>/dev/null || true

# A vault with a few entries, made by the CLI.
"$bin" init >/dev/null
"$bin" add --at 2026-11-20T04:10:00-05:00 "Couldn't sleep again. I keep replaying what my sister said at dinner and I feel like I'm always the problem." >/dev/null
"$bin" add --at 2026-11-21T08:30:00-05:00 "Can we move Tuesday's appointment to 4pm? Work changed my shift." >/dev/null
"$bin" add --at 2026-11-22T19:45:00-05:00 "I noticed I got less anxious when I went for a walk before calling mom. Want to talk about why." >/dev/null

# 2. Lock screen.
start_app
shot 02-lock
# 3. Crisis panel from the lock screen (Crisis help button, top right).
click_at 1200 28
shot 03-crisis-locked
key Escape
# 4. Write without unlocking.
xdotool search --sync --onlyvisible --class between >/dev/null 2>&1 || true
key Tab
type_text "$BETWEEN_PASSPHRASE"
key Return
shot 04-journal 4
# 5. Composer with a logistics suggestion.
key ctrl+n
type_text "Running 10 minutes late today, sorry!"
shot 05-composer
key ctrl+s
shot 06-journal-after-save
kill $app; wait $app 2>/dev/null || true
