#!/usr/bin/env bash
# Between vs jrnl (encrypted) on the same N synthetic entries (issue 8).
#
# Installs jrnl into a virtualenv (target/jrnl-venv), fills an encrypted
# jrnl journal and a Between vault with the same entries (Between's
# `dev-seed`, exported with `list --json`, imported into jrnl), then times,
# in the same run, the median of 3:
#   - list the last 10 (`jrnl -n 10`; Between has no limit, so `between list`
#     prints all N and the figure includes that)
#   - search a word (`jrnl -contains WORD`, `between search WORD`)
#   - the same commands on a near-empty journal: start-up plus key
#     derivation (Between: scrypt at age's ~1 s calibration; jrnl:
#     PBKDF2-SHA256, 100,000 iterations), subtracted to give the cost beyond it.
# jrnl reads its password from a keyring; a tiny keyring backend here hands
# it over from an environment variable. Everything lives in a temp dir.
# Usage: .ci/compare-jrnl.sh [N] [WORD]
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-10000}
word=${2:-sister}
venv=${JRNL_VENV:-target/jrnl-venv}
if [ ! -x "$venv/bin/jrnl" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q jrnl
fi
jrnl_bin=$(cd "$venv/bin" && pwd)/jrnl
bin=$(pwd)/target/release/between
[ -x "$bin" ] || cargo build --release

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass="correct horse battery staple"
export TZ=America/New_York
mkdir -p "$tmp/py" "$tmp/jrnl" "$tmp/jrnl-empty"
cat >"$tmp/py/envkeyring.py" <<'EOF'
import os
from keyring.backend import KeyringBackend

class EnvKeyring(KeyringBackend):
    priority = 1
    def get_password(self, service, username):
        return os.environ.get("JRNL_TEST_PASSWORD")
    def set_password(self, service, username, password):
        pass
    def delete_password(self, service, username):
        pass
EOF
export PYTHONPATH="$tmp/py" PYTHON_KEYRING_BACKEND=envkeyring.EnvKeyring JRNL_TEST_PASSWORD="$pass"
config() { # journal-file config-file
  cat >"$2" <<EOF
version: v4.6
journals:
  default:
    journal: $1
encrypt: true
editor: ""
template: false
default_hour: 9
default_minute: 0
timeformat: "%Y-%m-%d %H:%M"
tagsymbols: "#@"
highlight: false
linewrap: 79
indent_character: "|"
colors: {body: none, date: none, tags: none, title: none}
EOF
}
config "$tmp/jrnl/journal.txt" "$tmp/jrnl.yaml"
config "$tmp/jrnl-empty/journal.txt" "$tmp/jrnl-empty.yaml"
jrnl() { "$jrnl_bin" --config-file "$tmp/jrnl.yaml" "$@"; }
jrnl_empty() { "$jrnl_bin" --config-file "$tmp/jrnl-empty.yaml" "$@"; }
between() { BETWEEN_HOME="$tmp/between" BETWEEN_PASSPHRASE="$pass" "$bin" "$@"; }
between_empty() { BETWEEN_HOME="$tmp/between-empty" BETWEEN_PASSPHRASE="$pass" "$bin" "$@"; }

echo "== creating $n entries in both"
between init >/dev/null
between dev-seed "$n" --seed 2026 >/dev/null
between_empty init >/dev/null
between list --json >"$tmp/all.json"
python3 - "$tmp/all.json" "$tmp/import.txt" <<'EOF'
import json, sys
entries = json.load(open(sys.argv[1]))
with open(sys.argv[2], "w") as out:
    for e in reversed(entries):  # oldest first
        stamp = e["created_at"][:16].replace("T", " ")
        out.write(f"[{stamp}] {e['text'].strip()}\n\n")
EOF
jrnl --import --file "$tmp/import.txt" >/dev/null 2>&1 </dev/null
printf '[2026-01-01 09:00] One entry.\n\n' >"$tmp/one.txt"
jrnl_empty --import --file "$tmp/one.txt" >/dev/null 2>&1 </dev/null
have=$(jrnl -n 100000 --format short </dev/null 2>/dev/null | grep -c '^[0-9]' || true)
echo "   jrnl holds $have entries, Between $(between list </dev/null | wc -l)"
head -c 40 "$tmp/jrnl/journal.txt" | grep -q '^\[' && { echo "jrnl journal is NOT encrypted" >&2; exit 1; }

# Median wall time of 3 runs, in ms.
t() {
  local runs=()
  for _ in 1 2 3; do
    local s e
    s=$(date +%s%N)
    "$@" </dev/null >/dev/null 2>&1
    e=$(date +%s%N)
    runs+=($(((e - s) / 1000000)))
  done
  printf '%s\n' "${runs[@]}" | sort -n | sed -n 2p
}
hits_b=$(between search "$word" </dev/null | wc -l)
hits_j=$(jrnl -contains "$word" -n 100000 --format short </dev/null 2>/dev/null | grep -c '^[0-9]' || true)
echo "   '$word' is in $hits_b Between entries, $hits_j jrnl entries"

b_list=$(t between list)
j_list=$(t jrnl -n 10)
b_search=$(t between search "$word")
j_search=$(t jrnl -contains "$word")
b_empty=$(t between_empty list)
j_empty=$(t jrnl_empty -n 10)

ratio() { python3 -c "print(f'{$1/$2:.2f}')"; }
printf '\n%-36s %10s %10s %14s\n' "median of 3, ms ($n entries)" Between jrnl Between/jrnl
printf '%-36s %10s %10s %14s\n' "list the last 10 (Between: all)" "$b_list" "$j_list" "$(ratio "$b_list" "$j_list")"
printf '%-36s %10s %10s %14s\n' "search '$word'" "$b_search" "$j_search" "$(ratio "$b_search" "$j_search")"
printf '%-36s %10s %10s %14s\n' "start + key derivation (empty)" "$b_empty" "$j_empty" "$(ratio "$b_empty" "$j_empty")"
bl=$((b_list - b_empty)); jl=$((j_list - j_empty))
bs=$((b_search - b_empty)); js=$((j_search - j_empty))
printf '%-36s %10s %10s %14s\n' "list, beyond start + KDF" "$bl" "$jl" "$(ratio "$((bl > 0 ? bl : 1))" "$((jl > 0 ? jl : 1))")"
printf '%-36s %10s %10s %14s\n' "search, beyond start + KDF" "$bs" "$js" "$(ratio "$((bs > 0 ? bs : 1))" "$((js > 0 ? js : 1))")"
