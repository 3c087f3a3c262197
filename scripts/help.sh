# Sourced by every script of the kit right after it has changed to the repository root:
# `SCRIPT --help` (or -h) prints the script's header comment, its documentation, and exits 0.
case "${1:-}" in
-h | --help)
    _help_file=$0
    [ -f "$_help_file" ] || _help_file=$OLDPWD/$0
    awk 'NR == 1 && /^#!/ { next } /^#/ { sub(/^# ?/, ""); print; next } { exit }' "$_help_file"
    exit 0
    ;;
esac
