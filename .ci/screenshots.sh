#!/usr/bin/env bash
# Runs the release binary under Xvfb and saves a PNG of every screen into
# ./screenshots (or $1), plus the agenda PDF as PNG.
# Needs: apt-get install -y xvfb imagemagick x11-utils xdotool poppler-utils
set -euo pipefail
cd "$(dirname "$0")/.."
out=$(realpath -m "${1:-screenshots}")
mkdir -p "$out"
export XDG_RUNTIME_DIR=${XDG_RUNTIME_DIR:-$(mktemp -d)}
chmod 700 "$XDG_RUNTIME_DIR"
home=$(mktemp -d)
export BETWEEN_HOME="$home" BETWEEN_PASSPHRASE="violet kettle orbit" TZ=${TZ:-America/New_York}
bin=${BIN:-target/release/between}
[ -x "$bin" ] || cargo build --release
display=:${DISPLAY_NUMBER:-77}
Xvfb "$display" -screen 0 1280x800x24 >/dev/null 2>&1 &
xvfb=$!
app=
trap 'kill $app $xvfb 2>/dev/null || true; rm -rf "$home"' EXIT
export DISPLAY=$display
sleep 1

shot() { sleep "${2:-1}"; import -window root -crop 1100x720+0+0 "$out/$1.png"; echo "saved $out/$1.png"; }
click() { xdotool mousemove "$1" "$2"; sleep 0.3; xdotool click 1; sleep 0.5; }
start() { "$bin" >/dev/null 2>&1 & app=$!; sleep 3; xdotool windowfocus --sync "$(xdotool search --sync --name Between | head -1)"; }
stop() { kill "$app" 2>/dev/null || true; wait "$app" 2>/dev/null || true; }

start
shot 01-setup
click 1022 28; shot 02-crisis-on-setup
stop

"$bin" init >/dev/null
"$bin" session every "$(date -d tomorrow +%a | tr A-Z a-z)" 15:00 >/dev/null
add() { "$bin" add --at "$1" "$2" >/dev/null; }
add "$(date -d '3 days ago 04:10' -Iseconds)" "Couldn't sleep again. I keep replaying what my sister said at dinner and I feel like I'm always the problem."
add "$(date -d '2 days ago 08:30' -Iseconds)" "Can we move Thursday to 4pm? Work changed my shift."
add "$(date -d 'yesterday 03:40' -Iseconds)" "Could you resend the invoice for October?"
add "$(date -d 'yesterday 19:45' -Iseconds)" "I noticed I got less anxious when I went for a walk before calling mom. Want to talk about why."
"$bin" agenda --format pdf --output "$out/agenda.pdf" 2>/dev/null
command -v pdftoppm >/dev/null && pdftoppm -png -r 60 -f 1 -l 1 "$out/agenda.pdf" "$out/10-agenda-pdf"

start
shot 03-lock
click 1022 28; shot 04-crisis-locked
xdotool key Escape
click 476 488; shot 05-write-without-unlocking
xdotool key Escape; sleep 0.5
click 550 330; xdotool type --delay 20 "$BETWEEN_PASSPHRASE"; xdotool key Return
shot 06-journal 3
click 190 150; shot 07-entry
xdotool key ctrl+n; sleep 0.5
xdotool type --delay 10 "Running 10 minutes late today, sorry!"
shot 08-composer-hours
xdotool key ctrl+a; xdotool type --delay 10 "I don't think I can keep going, everyone would be better off without me"
shot 09-composer-crisis
xdotool key Escape; sleep 0.3; click 700 300; xdotool key ctrl+a BackSpace; xdotool key Escape; sleep 0.5
click 299 28; shot 11-held
click 425 28; shot 12-agenda
click 524 28; shot 13-safety-plan
# Settings; a reminder banner (time-dependent) is dismissed first so the
# layout is the same every run (the click lands on blank page otherwise).
click 625 28; click 1046 76; shot 14-settings
click 1006 367; shot 15-export-confirm
click 911 367; sleep 2; shot 16-choose-file
stop
