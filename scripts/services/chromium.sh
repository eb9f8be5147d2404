# Sourced by scripts/test.sh before pytest: the browser tests of `sayso serve` drive Debian's
# Chromium headless through Playwright (never `playwright install`: no browser downloads).
if [ ! -x /usr/bin/chromium ]; then
    echo "installing Debian's chromium for the browser tests" >&2
    sudo_cmd=""
    [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null && sudo_cmd="sudo"
    $sudo_cmd apt-get update -q >/dev/null
    DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -q chromium >/dev/null
fi
