#!/bin/sh
# The reference POS client (tools/pos-client) against counterpart-admin pos-serve on a real till on
# disk: the demo's whole sale over loopback, a sale sent twice earning once, a refused call's plain
# words and exit code, a clean stop on SIGTERM, and the till's own check afterwards.
#   test_pos_client.sh COUNTERPART_ADMIN CLIENT
set -eu
admin=$1
client=$2
dir=$(mktemp -d)
server=
cleanup() {
    [ -n "$server" ] && kill "$server" 2>/dev/null || true
    rm -rf "$dir"
}
trap cleanup EXIT
export COUNTERPART_DB="$dir/till.db" COUNTERPART_KEY_FILE="$dir/till.key"
"$admin" init --store S001 >/dev/null
"$admin" staff-add --id 1001 --name "Li Na" --role cashier --pin 1357 >/dev/null
"$admin" register --phone 13812345678 --name "Wang Li" >/dev/null
token=$("$admin" pos-token --add "Counter 1" --json | python3 -c 'import json, sys; print(json.load(sys.stdin)["token"])')

# A till with no screen: requests that name no cashier act for 1001.
"$admin" pos-serve --listen 127.0.0.1:0 --cashier 1001 >"$dir/serve.log" 2>&1 &
server=$!
for _ in $(seq 1 100); do
    grep -q "Serving" "$dir/serve.log" && break
    sleep 0.1
done
port=$(sed -n 's/.*127\.0\.0\.1:\([0-9][0-9]*\)\..*/\1/p' "$dir/serve.log" | head -n 1)
[ -n "$port" ] || { echo "pos-serve did not start:"; cat "$dir/serve.log"; exit 1; }
export COUNTERPART_POS_URL="http://127.0.0.1:$port" COUNTERPART_POS_TOKEN="$token"

out=$(python3 "$client" demo --member 13812345678)
echo "$out"
echo "$out" | grep -q "replayed: True" || { echo "FAIL: the sale sent again was not replayed"; exit 1; }
echo "$out" | grep -q "sent again: replayed True" || { echo "FAIL: the return sent again was not replayed"; exit 1; }

# The slip for the receipt printer, as ESC/POS bytes.
curl -sf -H "Authorization: Bearer $token" -o "$dir/slip.bin" "$COUNTERPART_POS_URL/v1/pos/members/13812345678/slip"
head -c 2 "$dir/slip.bin" | od -An -tx1 | grep -q "1b 40" || { echo "FAIL: the slip is not ESC/POS"; exit 1; }
# A refused call: plain words on stderr, exit code 1, nothing earned.
if python3 "$client" --cashier 1001 sale --member 13800000000 --receipt X-1 --line A:food:10.00 2>"$dir/err"; then
    echo "FAIL: a sale for an unknown member was taken"; exit 1
fi
grep -q "The till refused (404)" "$dir/err" || { echo "FAIL: no plain refusal:"; cat "$dir/err"; exit 1; }
# A wrong token.
if COUNTERPART_POS_TOKEN=cpp_wrong python3 "$client" status 2>"$dir/err"; then
    echo "FAIL: a wrong token was let in"; exit 1
fi
grep -q "401" "$dir/err" || { cat "$dir/err"; exit 1; }

kill -TERM "$server"
wait "$server" || { echo "FAIL: pos-serve did not stop cleanly"; cat "$dir/serve.log"; exit 1; }
server=
grep -q "The POS link has stopped." "$dir/serve.log" || { cat "$dir/serve.log"; exit 1; }
grep -q "earned" "$dir/serve.log" || { echo "FAIL: pos-serve did not say what the POS did"; exit 1; }

"$admin" check >/dev/null || { echo "FAIL: check after the POS's sales"; "$admin" check; exit 1; }
earns=$("$admin" history --member 13812345678 --json | python3 -c '
import json, sys
d = json.load(sys.stdin)
items = d["entries"]
print(sum(1 for i in items if i["kind"] == "earn"))')
[ "$earns" = "1" ] || { echo "FAIL: $earns earn entries, expected 1"; exit 1; }
echo "PASS"
