# Shared by the suites that write JUnit XML (scripts/regress.sh, scripts/run-scenarios.sh):
# sourced, not run.

# xml_escape: text on stdin -> XML character data or attribute value (control characters that
# XML 1.0 cannot carry are dropped).
xml_escape() {
    tr -d '\000-\010\013\014\016-\037' | sed -e 's/&/\&amp;/g' -e 's/</\&lt;/g' -e 's/>/\&gt;/g' -e 's/"/\&quot;/g'
}

# junit_secs START [END]: seconds from START to END (default now), both `date +%s.%N`, 3 decimals.
junit_secs() {
    awk -v a="$1" -v b="${2:-$(date +%s.%N)}" 'BEGIN { printf "%.3f", b - a }'
}
