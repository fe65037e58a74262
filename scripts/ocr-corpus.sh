#!/usr/bin/env bash
# OCR throughput and peak memory on a scanned corpus, through `jixiao import` with default jobs:
# scans of the given text PDFs are made (scripts/make-scans.ts), imported into a fresh database
# under /usr/bin/time, and pages OCR'd per second and the peak RSS (workers are threads: one process)
# printed. With SCORER and GOLD set, the export is scored too:
#   scripts/ocr-corpus.sh OUT_DIR fixtures/corpus/pdf/*.pdf
#   SCORER=../shared/eval/score.mjs GOLD=../shared/corpus/gold scripts/ocr-corpus.sh /tmp/scans fixtures/corpus/pdf/*.pdf
set -euo pipefail
cd "$(dirname "$0")/.."
out=$1; shift
npx tsx scripts/make-scans.ts "$out/pdf" "$@"
rm -f "$out/scan.sqlite"
start=$(date +%s%N)
/usr/bin/time -v -o "$out/time.txt" node bin/jixiao.mjs import "$out/pdf" --db "$out/scan.sqlite" --timeout 3600 --quiet | tee "$out/import.txt"
end=$(date +%s%N)
pages=$(node -e 'const db=new (require("better-sqlite3"))(process.argv[1]);console.log(db.prepare("SELECT count(*) n FROM messages WHERE rule = ?").get("ocr/page")?.n ?? 0)' "$out/scan.sqlite" 2>/dev/null || echo "?")
rss=$(grep "Maximum resident" "$out/time.txt" | awk '{print $NF}')
node -e 'const [p, ns, kb] = process.argv.slice(1).map(Number); const s = ns / 1e9; console.log(`pages OCR'"'"'d: ${p} in ${s.toFixed(1)} s = ${(p / s).toFixed(3)} pages/s; peak RSS ${(kb / 1024).toFixed(0)} MiB`)' "$pages" "$((end - start))" "$rss"
if [ -n "${SCORER:-}" ]; then
  node bin/jixiao.mjs export --db "$out/scan.sqlite" --format json --out "$out/scan.json"
  node "$SCORER" "$out/scan.json" "$GOLD"
fi
