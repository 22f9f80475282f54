#!/usr/bin/env bash
# Runs the real window under Xvfb and saves a PNG of every screen into
# ./screenshots (or $1): each at 800x600 and 1280x800, the journal also at
# 640x480 and 1024x768, the crisis flow step by step (crisis help beside the
# composer at 640x480, 800x600, 1024x768 and 1440x900), and the agenda PDF
# rendered with pdftoppm.
#
# It drives the window by keyboard where it can (F1 opens Crisis help, Ctrl+N
# a new entry, Ctrl+S saves, Escape closes, Tab focuses the passphrase field)
# and resizes it with `xdotool windowsize`. The few clicks go to the
# narrow top bar's Menu, whose place is fixed from the window's right edge at
# 800 px wide (see src/ui/view.rs), so screens are always chosen at 800x600
# and then shot at each size.
#
# Needs: apt-get install -y xvfb imagemagick x11-utils xdotool poppler-utils
# BIN=target/debug/between uses another build (default: the release build).
set -euo pipefail
cd "$(dirname "$0")/.."
out=$(realpath -m "${1:-screenshots}")
mkdir -p "$out"
export XDG_RUNTIME_DIR=${XDG_RUNTIME_DIR:-$(mktemp -d)}
chmod 700 "$XDG_RUNTIME_DIR"
home=$(mktemp -d)
# en_US: 12-hour times, US crisis lines; TZ fixed so the pictures compare.
export BETWEEN_HOME="$home" BETWEEN_PASSPHRASE="violet kettle orbit"
export TZ=${TZ:-America/New_York} LANG=${SHOT_LANG:-en_US.UTF-8} LC_ALL=
bin=${BIN:-target/release/between}
[ -x "$bin" ] || cargo build --release
# Slow builds (debug) need longer to draw.
pause=${PAUSE:-1}
display=:${DISPLAY_NUMBER:-77}
Xvfb "$display" -screen 0 1600x1000x24 >/dev/null 2>&1 &
xvfb=$!
app=
trap 'kill $app $xvfb 2>/dev/null || true; rm -rf "$home"' EXIT
export DISPLAY=$display
sleep 1

wid=
width=800
height=600
start() {
    "$bin" >/dev/null 2>&1 &
    app=$!
    wid=$(xdotool search --sync --name '^Between$' | head -1)
    xdotool windowmove "$wid" 0 0
    resize 800 600
    xdotool windowfocus --sync "$wid"
}
stop() { kill "$app" 2>/dev/null || true; wait "$app" 2>/dev/null || true; }
resize() {
    width=$1 height=$2
    xdotool windowsize --sync "$wid" "$width" "$height" 2>/dev/null ||
        xdotool windowsize "$wid" "$width" "$height"
    sleep "$pause"
}
# shot NAME: the window as it is, named with its size.
shot() {
    sleep "$pause"
    import -window "$wid" "$out/$1-${width}x${height}.png"
    echo "saved $out/$1-${width}x${height}.png"
}
# both NAME: at 800x600 and 1280x800, back to 800x600 after.
both() { resize 800 600; shot "$1"; resize 1280 800; shot "$1"; resize 800 600; }
key() { xdotool key --window "$wid" "$@"; sleep 0.4; }
type_text() { xdotool type --window "$wid" --delay 15 "$1"; sleep 0.4; }
# At 800 px wide: Menu, then the Nth tab in its list (1 = Journal ...
# 5 = Settings). Places measured from src/ui/view.rs's layout at 800x600.
click() { xdotool mousemove --window "$wid" "$1" "$2"; sleep 0.2; xdotool click 1; sleep 0.5; }
tab() {
    resize 800 600
    click 561 28
    click 630 $((78 + ($1 - 1) * 37))
}

# First run: setup, and Crisis help before there is any journal.
start
both 01-setup
key F1
both 02-crisis-on-setup
stop

# A journal with a few entries and a weekly session tomorrow.
"$bin" init >/dev/null
"$bin" session every "$(date -d tomorrow +%a | tr 'A-Z' 'a-z')" 15:00 >/dev/null
add() { "$bin" add --at "$1" "$2" >/dev/null; }
add "$(date -d '3 days ago 04:10' -Iseconds)" "Couldn't sleep again. I keep replaying what my sister said at dinner and I feel like I'm always the problem."
add "$(date -d '2 days ago 08:30' -Iseconds)" "Can we move Thursday to 4pm? Work changed my shift."
add "$(date -d 'yesterday 19:45' -Iseconds)" "I noticed I got less anxious when I went for a walk before calling mom. Want to talk about why."
"$bin" agenda --format pdf --output "$out/agenda.pdf" >/dev/null 2>&1
if command -v pdftoppm >/dev/null; then
    pdftoppm -png -r 80 -f 1 -l 1 "$out/agenda.pdf" "$out/20-agenda-pdf"
    echo "saved $out/20-agenda-pdf-1.png"
fi

# Locked: Crisis help needs no passphrase.
start
both 03-lock
key F1
both 04-crisis-locked
key Escape
# Tab moves the focus to the passphrase field (the only field).
key Tab
type_text "$BETWEEN_PASSPHRASE"
key Return
sleep 2
both 05-journal
for size in "640 480" "1024 768"; do
    resize $size
    shot 05-journal
done
resize 640 480
key F1
shot 06-crisis-help-640
key Escape

# The crisis flow, step by step: a plain entry, then words that open the
# panel beside the editor (it takes no focus), saving, the follow-up banner,
# and Crisis help from it.
resize 800 600
key ctrl+n
type_text "Running 10 minutes late today, sorry!"
both 07-composer
key ctrl+a
type_text "I don't think I can keep going, everyone would be better off without me"
both 08-composer-crisis-panel-beside
key ctrl+s
sleep 1
# The panel stays open after saving (as a dialog now the editor is gone).
both 09-crisis-panel-after-save
key Escape
both 10-follow-up-banner
key F1
both 11-crisis-help-from-banner
key Escape

# Issue 14's sentence typed in the smallest window, under the follow-up
# banner: crisis help beside the editor (the list folds away or keeps a
# readable width), then the same window widened step by step, and the
# editor's text after Escape closes help in the widest one.
resize 640 480
key ctrl+n
type_text "I have decided tonight is the night, I've written the letters. I put them in the drawer by the door where they will be found. Nobody knows yet, and I don't know who I would even call at this hour. It has been like this since the summer."
shot 11b-composer-crisis-beside
for size in "800 600" "1024 768" "1440 900"; do
    resize $size
    shot 11b-composer-crisis-beside
done
key Escape
shot 11c-composer-widened
key ctrl+s
sleep 1
key Escape

tab 2
both 12-held
tab 3
both 13-agenda
tab 4
both 14-safety-plan
tab 5
both 15-settings-and-data
key ctrl+l
both 16-locked-again
stop
echo "done: $(ls "$out" | wc -l) files in $out"
