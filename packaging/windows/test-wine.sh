#!/bin/bash
# Runs the cross-built counterpart-admin.exe under Wine on a fresh database in a folder whose name has
# a space and Chinese characters, and checks each answer: init, register, earn, redeem, refund, check,
# backup and restore, a CSV import with CRLF line ends, Chinese messages, the 1,000-member seed.
#
#   packaging/windows/test-wine.sh [STAGE]    # STAGE: the folder build-deps.sh app made
#                                             # (default build-windows/stage)
# Wine's prefix: $COUNTERPART_WIN_BUILD/wineprefix (made on first use). Everything runs under nice.
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
STAGE=$(cd "${1:-$REPO/build-windows/stage}" && pwd)
BUILD=${COUNTERPART_WIN_BUILD:-/work/win-build}
export WINEPREFIX=$BUILD/wineprefix WINEDEBUG=-all
[ -e "$STAGE/counterpart-admin.exe" ] || { echo "no counterpart-admin.exe in $STAGE" >&2; exit 2; }

DIR_WIN='C:\ProgramData\Counterpart-test\张伟 Li'
DIR_UNIX="$WINEPREFIX/drive_c/ProgramData/Counterpart-test/张伟 Li"
DB="$DIR_WIN\\till.db"
FAILED=0

# admin EXPECTED-EXIT PATTERN ARGS...: runs the program, checks its exit status and that PATTERN is
# in what it printed (stdout and stderr).
admin() {
    local want=$1 pattern=$2 out rc=0 start
    shift 2
    start=$(date +%s.%N)
    out=$(cd "$STAGE" && nice -n 19 timeout 600 wine ./counterpart-admin.exe "$@" 2>&1) || rc=$?
    out=${out//$'\r'/} # Windows line ends
    local took
    took=$(echo "$(date +%s.%N) - $start" | bc)
    if [ "$rc" -eq "$want" ] && grep -q -- "$pattern" <<<"$out"; then
        printf 'ok   %5.1f s  %s\n' "$took" "$*"
    else
        printf 'FAIL %5.1f s  %s (exit %s, wanted %s and "%s"):\n%s\n' "$took" "$*" "$rc" "$want" "$pattern" "$out"
        FAILED=1
    fi
}

rm -rf "$(dirname "$DIR_UNIX")"
nice -n 19 wine cmd /c mkdir "$DIR_WIN" >/dev/null 2>&1 || mkdir -p "$DIR_UNIX"

admin 0 'Usage: counterpart-admin' --help
admin 0 'Terminal   12345' --db "$DB" init --store S001 --store-name 'Test store' --terminal-number 12345
admin 1 'There is no till database' --db "$DIR_WIN\\missing.db" check
admin 0 'Registered 张伟 Li' --db "$DB" register --phone '138 0013 8000' --name '张伟 Li' --consent
admin 0 'Balance              278 points' --db "$DB" earn --member 13800138000 --amount 128.50 --receipt R-1001
admin 0 'Balance  178 points' --db "$DB" redeem --member 13800138000 --points 100 --receipt R-1002
admin 0 'Balance            150 points' --db "$DB" refund --receipt R-1001 --amount 28.50 --reason 'one item back'
admin 0 'Birthday     05-17' --db "$DB" edit-member --member 13800138000 --birthday 1990-05-17
admin 0 'Balances         all agree' --db "$DB" check --full
admin 0 'checked' --db "$DB" backup
printf 'phone,name,gender,birthday,note\r\n13900139001,李娜,f,1985-03-02,CRLF row\r\n12,Bad Phone,,,\r\n' \
    >"$DIR_UNIX/import.csv"
admin 1 'line 3: This phone number is too short' --db "$DB" import --in "$DIR_WIN\\import.csv"
admin 0 '李娜' --db "$DB" --lang zh_CN lookup 9001
backup=$(ls "$DIR_UNIX/backups" | head -1)
admin 0 'Restored' --db "$DB" restore "$DIR_WIN\\backups\\$backup"
admin 0 'Members          1$' --db "$DB" check
admin 0 'Terminal   23456' --db "$DIR_WIN\\seed.db" init --terminal-number 23456
admin 0 'Tiers' --db "$DIR_WIN\\seed.db" seed --members 1000 --seed 7
admin 0 'Members          1,000' --db "$DIR_WIN\\seed.db" check --full

[ "$FAILED" -eq 0 ] && echo "all passed" || echo "some checks FAILED"
exit "$FAILED"
