#!/usr/bin/env bash
# Runs every test of the solution and prints one closing line: "N passed, N failed[, N skipped]".
# Installs what the tests need when it is missing (see README). Exits non-zero on any failure.
set -uo pipefail
cd "$(dirname "$0")/.."

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

# PostgreSQL tests start their own throw-away server from Debian's packages (unless ASSISTANT_TEST_POSTGRES is set).
if [ -z "${ASSISTANT_TEST_POSTGRES:-}" ] && ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  echo "Installing postgresql for the PostgreSQL tests..."
  if [ "$(id -u)" -eq 0 ]; then
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql) >/dev/null 2>&1 \
      || echo "warning: could not install postgresql; the PostgreSQL tests will fail"
  else
    (sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql) >/dev/null 2>&1 \
      || echo "warning: could not install postgresql (needs root); the PostgreSQL tests will fail"
  fi
fi

# Browser tests drive Debian's Chromium (Playwright downloads no browser); Korean needs a font.
if ! command -v chromium >/dev/null 2>&1 || ! fc-list 2>/dev/null | grep -i nanum >/dev/null; then
  echo "Installing chromium and fonts-nanum for the browser tests..."
  if [ "$(id -u)" -eq 0 ]; then
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-nanum) >/dev/null 2>&1 \
      || echo "warning: could not install chromium; the browser tests will fail"
  else
    (sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-nanum) >/dev/null 2>&1 \
      || echo "warning: could not install chromium (needs root); the browser tests will fail"
  fi
fi

results="$(mktemp -d)"
trap 'rm -rf "$results"' EXIT

dotnet build Assistant.sln -c Release -nologo -v quiet 2>&1 | grep -E "error|Warn|warn" ; build=${PIPESTATUS[0]}
if [ "$build" -ne 0 ]; then
  echo "build failed"
  echo "0 passed, 1 failed"
  exit 1
fi

status=0
# One test project at a time, with a start line, a running count every 50 tests and its result line,
# so a long run is never silent and never floods the terminal with one line per test.
start=$SECONDS
epoch=$(date +%s)
for project in tests/*/*.csproj; do
  name="$(basename "$project" .csproj)"
  echo "== $name: started ($((SECONDS - start)) s)"
  dotnet test "$project" -c Release --no-build --nologo \
    --logger "trx;LogFilePrefix=$name" --logger "console;verbosity=normal" --results-directory "$results" "$@" \
    | tee -a "$results/console.txt" \
    | awk -v name="$name" -v start="$epoch" '
        /^ *Passed [^!]/ { n++; if (n % 50 == 0) { printf "   %s: %d passed so far (%d s)\n", name, n, now() - start; fflush() } next }
        /^ *(Failed|Skipped) [^!]/ || /(Passed|Failed)!/ { print; fflush() }
        /Error Message/ { show = 12 }
        show > 0 && !/^ +at / { print; fflush(); show-- }
        /^ +Passed: +[0-9]+$/ { p = $2 } /^ +Failed: +[0-9]+$/ { f = $2 } /^ +Skipped: +[0-9]+$/ { k = $2 }
        END { printf "   %s: %d passed, %d failed, %d skipped (%d s)\n", name, p, f, k, now() - start }
        function now() { srand(); return srand() }
      '
  [ "${PIPESTATUS[0]}" -eq 0 ] || status=1
done
echo "== all test projects done ($((SECONDS - start)) s)"

# Sum the per-assembly counters of the TRX files.
python3 - "$results" <<'PY' || status=1
import glob, sys, xml.etree.ElementTree as ET
passed = failed = skipped = 0
files = glob.glob(sys.argv[1] + "/*.trx")
for f in files:
    c = ET.parse(f).getroot().find(".//{*}Counters")
    passed += int(c.get("passed", 0))
    failed += int(c.get("failed", 0)) + int(c.get("error", 0)) + int(c.get("timeout", 0)) + int(c.get("aborted", 0))
    # A skipped test is counted in "total" but not in "executed".
    skipped += int(c.get("total", 0)) - int(c.get("executed", 0))
    # Each skipped test with the reason its attribute gives (xunit's Skip = "...").
    for r in ET.parse(f).getroot().findall(".//{*}UnitTestResult"):
        if r.get("outcome") == "NotExecuted":
            message = r.find("{*}Output/{*}ErrorInfo/{*}Message")
            stdout = r.find("{*}Output/{*}StdOut")
            reason = (message.text if message is not None and message.text else stdout.text if stdout is not None and stdout.text else "no reason given").strip()
            print(f"[SKIP] {r.get('testName')}: {reason}")
if not files:
    failed = 1
line = f"{passed} passed, {failed} failed"
if skipped:
    line += f", {skipped} skipped"
print(line)
sys.exit(1 if failed or passed == 0 else 0)
PY
exit $status
