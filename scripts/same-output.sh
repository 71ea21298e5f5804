#!/usr/bin/env bash
# Checks that two builds of shishi say and write exactly the same on the bundled example: the
# walk-through (demo) in both languages, a recount of a copy of ballots/example with the files
# it rewrites, verify, and a receipt. For refactorings that must not change behaviour:
#
#   scripts/same-output.sh /path/to/old/shishi .build/debug/shishi
#
# Exit 0 when every output is byte-identical (after naming the demo's temporary folder alike).
set -euo pipefail
before=$(realpath "$1")
after=$(realpath "$2")
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
status=0

compare() {  # name file-before file-after
    if cmp -s "$2" "$3"; then
        echo "same      $1"
    else
        echo "DIFFERENT $1"
        diff "$2" "$3" | head -20 || true
        status=1
    fi
}

run() {  # which binary, then arguments; stdout and exit status, temporary folders named alike
    local binary=$1
    shift
    (cd "$root" && "$binary" "$@" 2>/dev/null; echo "exit $?") | sed -E 's#/tmp/shishi-demo-[0-9A-Fa-f-]+/#/tmp/shishi-demo-X/#g'
}

for lang in zh en; do
    run "$before" demo --lang "$lang" >"$work/demo-before-$lang"
    run "$after" demo --lang "$lang" >"$work/demo-after-$lang"
    compare "demo --lang $lang" "$work/demo-before-$lang" "$work/demo-after-$lang"
done

for side in before after; do
    cp -r "$root/ballots/example" "$work/$side"
done
for lang in zh en; do
    run "$before" tally "$work/before" --notice-number 7 --lang "$lang" | sed "s#$work/before#DIR#g" >"$work/tally-before-$lang"
    run "$after" tally "$work/after" --notice-number 7 --lang "$lang" | sed "s#$work/after#DIR#g" >"$work/tally-after-$lang"
    compare "tally --lang $lang (stdout)" "$work/tally-before-$lang" "$work/tally-after-$lang"
    for file in result.json counted-trackers.txt announcement.txt notice.txt report.html; do
        compare "tally --lang $lang: $file" "$work/before/$file" "$work/after/$file"
    done
    run "$before" verify "$work/before" --lang "$lang" | sed "s#$work/before#DIR#g" >"$work/verify-before-$lang"
    run "$after" verify "$work/after" --lang "$lang" | sed "s#$work/after#DIR#g" >"$work/verify-after-$lang"
    compare "verify --lang $lang" "$work/verify-before-$lang" "$work/verify-after-$lang"
done
files=("$root"/ballots/example/box/*.json)
tracker=$(basename "${files[0]}" | cut -c1-12)
run "$before" receipt "$work/before" "$tracker" --json >"$work/receipt-before"
run "$after" receipt "$work/after" "$tracker" --json >"$work/receipt-after"
compare "receipt --json" "$work/receipt-before" "$work/receipt-after"
# The follow-up: a workspace adopting the example's projects, and the year report from it.
for side in before after; do
    binary=$before
    [ "$side" = after ] && binary=$after
    (cd "$work" && "$binary" workspace init "ws-$side.sqlite" >/dev/null && "$binary" projects adopt --result "$root/ballots/example" --workspace "ws-$side.sqlite" >/dev/null)
    for lang in zh en; do
        (cd "$work" && "$binary" report year --year 2027 --today 2027-12-20 --out "year-$side-$lang.html" --csv "year-$side-$lang.csv" --workspace "ws-$side.sqlite" --lang "$lang" >/dev/null 2>&1)
    done
done
for lang in zh en; do
    compare "report year --lang $lang (html)" "$work/year-before-$lang.html" "$work/year-after-$lang.html"
    compare "report year --lang $lang (csv)" "$work/year-before-$lang.csv" "$work/year-after-$lang.csv"
done
exit $status
