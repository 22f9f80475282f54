#!/usr/bin/env bash
# Between vs jrnl (encrypted) on the same N synthetic entries (issues 8, 15).
#
# Installs jrnl into a virtualenv (target/jrnl-venv), fills an encrypted
# jrnl journal and a Between vault with the same entries (Between's
# `dev-seed`, exported with `list --json`, imported into jrnl), then times
# RUNS rounds (default 5, at least 5), each round running every command once,
# Between and jrnl interleaved, and reports the median of each and the ratio:
#   - list the last 10 (`jrnl -n 10`, `between list -n 10`)
#   - search a word (`jrnl -contains WORD`, `between search WORD`)
#   - the same list on a near-empty journal: start-up plus key derivation
#     (Between: scrypt; jrnl: PBKDF2-SHA256, 100,000 iterations), subtracted
#     to give the cost beyond it.
#   - list and search again with the session agent unlocked (`between
#     unlock`), so Between pays no key derivation; jrnl has no such mode and
#     its figures are the same runs as above.
# It ends by checking the targets of issue 15: with the agent, list and
# search under 100 ms and at least 5 times faster than jrnl; without it,
# under 1 s.
# Both Between vaults hold the SAME identity file (the empty one is a copy of
# the big one made before seeding), so they pay the same scrypt work factor;
# age calibrates it afresh for every new vault, and subtracting timings of
# vaults with different factors gave negative figures. The factor is printed.
# jrnl reads its password from a keyring; a tiny keyring backend here hands
# it over from an environment variable. Everything lives in a temp dir.
# Usage: .ci/compare-jrnl.sh [N] [WORD] [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-10000}
word=${2:-sister}
runs=${3:-5}
[ "$runs" -ge 5 ] || { echo "RUNS must be at least 5" >&2; exit 2; }
venv=${JRNL_VENV:-target/jrnl-venv}
if [ ! -x "$venv/bin/jrnl" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q jrnl
fi
jrnl_bin=$(cd "$venv/bin" && pwd)/jrnl
bin=${BETWEEN_BIN:-$(pwd)/target/release/between}
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
# Without XDG_RUNTIME_DIR these never find the agent: they pay scrypt.
between() { env -u XDG_RUNTIME_DIR BETWEEN_HOME="$tmp/between" BETWEEN_PASSPHRASE="$pass" "$bin" "$@"; }
between_empty() { env -u XDG_RUNTIME_DIR BETWEEN_HOME="$tmp/between-empty" BETWEEN_PASSPHRASE="$pass" "$bin" "$@"; }
between_unlock() { BETWEEN_HOME="$tmp/between" BETWEEN_PASSPHRASE="$pass" "$bin" unlock "$@"; }
# With the agent: a wrong passphrase in the environment, so a run that did
# not get the key from the agent fails instead of quietly paying scrypt.
export XDG_RUNTIME_DIR="$tmp/runtime"
mkdir -m 700 "$XDG_RUNTIME_DIR"
between_agent() { BETWEEN_HOME="$tmp/between" BETWEEN_PASSPHRASE="not the passphrase" "$bin" "$@"; }
trap 'between_agent lock >/dev/null 2>&1 || true; rm -rf "$tmp"' EXIT

echo "== creating $n entries in both"
between init >/dev/null
# The same identity (and so the same scrypt work factor) for both vaults.
cp -a "$tmp/between" "$tmp/between-empty"
between dev-seed "$n" --seed 2026 >/dev/null
between_empty add --at 2026-01-01T09:00:00-05:00 "One entry." >/dev/null
log_n() { # the scrypt work factor in an armored age identity file
  python3 - "$1" <<'EOF'
import base64, re, sys
lines = [l for l in open(sys.argv[1]).read().splitlines() if l and not l.startswith("-----")]
header = base64.b64decode("".join(lines)).split(b"\n---")[0].decode("ascii", "replace")
m = re.search(r"-> scrypt \S+ (\d+)", header)
print(m.group(1) if m else "?")
EOF
}
ln_full=$(log_n "$tmp/between/vault/identity.age")
ln_empty=$(log_n "$tmp/between-empty/vault/identity.age")
echo "   scrypt work factor: 2^$ln_full (full vault), 2^$ln_empty (empty vault)"
[ "$ln_full" = "$ln_empty" ] || { echo "the two vaults differ in work factor" >&2; exit 1; }
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

# Wall time of one run, in ms.
ms() {
  local s e
  s=$(date +%s%N)
  "$@" </dev/null >/dev/null 2>&1
  e=$(date +%s%N)
  echo $(((e - s) / 1000000))
}
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : int((a[NR/2] + a[NR/2+1]) / 2)}'; }
hits_b=$(between search "$word" </dev/null | wc -l)
hits_j=$(jrnl -contains "$word" -n 100000 --format short </dev/null 2>/dev/null | grep -c '^[0-9]' || true)
echo "   '$word' is in $hits_b Between entries, $hits_j jrnl entries"
between_unlock --for 30m >/dev/null
[ "$(between_agent list -n 10 </dev/null | wc -l)" = 10 ] || { echo "the agent did not answer" >&2; exit 1; }

declare -a B_LIST J_LIST B_SEARCH J_SEARCH B_EMPTY J_EMPTY A_LIST A_SEARCH
for ((i = 0; i < runs; i++)); do # interleaved: one of each per round
  B_LIST+=("$(ms between list -n 10)")
  J_LIST+=("$(ms jrnl -n 10)")
  B_SEARCH+=("$(ms between search "$word")")
  J_SEARCH+=("$(ms jrnl -contains "$word")")
  B_EMPTY+=("$(ms between_empty list -n 10)")
  J_EMPTY+=("$(ms jrnl_empty -n 10)")
  A_LIST+=("$(ms between_agent list -n 10)")
  A_SEARCH+=("$(ms between_agent search "$word")")
done
between_agent lock >/dev/null
b_list=$(median "${B_LIST[@]}")
j_list=$(median "${J_LIST[@]}")
b_search=$(median "${B_SEARCH[@]}")
j_search=$(median "${J_SEARCH[@]}")
b_empty=$(median "${B_EMPTY[@]}")
j_empty=$(median "${J_EMPTY[@]}")
a_list=$(median "${A_LIST[@]}")
a_search=$(median "${A_SEARCH[@]}")

ratio() { python3 -c "print(f'{max($1,1)/max($2,1):.2f}')"; }
printf '\n%-36s %10s %10s %14s\n' "median of $runs, ms ($n entries)" Between jrnl Between/jrnl
printf '%-36s %10s %10s %14s\n' "list the last 10" "$b_list" "$j_list" "$(ratio "$b_list" "$j_list")"
printf '%-36s %10s %10s %14s\n' "search '$word'" "$b_search" "$j_search" "$(ratio "$b_search" "$j_search")"
printf '%-36s %10s %10s %14s\n' "start + key derivation (empty)" "$b_empty" "$j_empty" "$(ratio "$b_empty" "$j_empty")"
bl=$((b_list - b_empty)); jl=$((j_list - j_empty))
bs=$((b_search - b_empty)); js=$((j_search - j_empty))
printf '%-36s %10s %10s %14s\n' "list, beyond start + KDF" "$bl" "$jl" "$(ratio "$bl" "$jl")"
printf '%-36s %10s %10s %14s\n' "search, beyond start + KDF" "$bs" "$js" "$(ratio "$bs" "$js")"
printf '%-36s %10s %10s %14s\n' "list the last 10, agent unlocked" "$a_list" "$j_list" "$(ratio "$a_list" "$j_list")"
printf '%-36s %10s %10s %14s\n' "search '$word', agent unlocked" "$a_search" "$j_search" "$(ratio "$a_search" "$j_search")"
echo "(a figure beyond start + KDF at or below 0 is within the noise of the run)"
echo "   runs (ms), in order: list ${B_LIST[*]} | jrnl ${J_LIST[*]} | search ${B_SEARCH[*]} | jrnl ${J_SEARCH[*]}"
echo "   agent list ${A_LIST[*]} | agent search ${A_SEARCH[*]} | empty ${B_EMPTY[*]} | jrnl empty ${J_EMPTY[*]}"

# Issue 15's targets.
check() { # label ok?
  if [ "$2" = 1 ]; then echo "PASS  $1"; else echo "FAIL  $1"; fi
}
echo
check "agent: list -n 10 under 100 ms ($a_list)" "$((a_list < 100))"
check "agent: search under 100 ms ($a_search)" "$((a_search < 100))"
check "agent: list at least 5x faster than jrnl ($a_list vs $j_list)" "$((a_list * 5 <= j_list))"
check "agent: search at least 5x faster than jrnl ($a_search vs $j_search)" "$((a_search * 5 <= j_search))"
check "no agent: list -n 10 under 1 s ($b_list)" "$((b_list < 1000))"
check "no agent: search under 1 s ($b_search)" "$((b_search < 1000))"
