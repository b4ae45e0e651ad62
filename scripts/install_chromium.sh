#!/usr/bin/env bash
# Install Debian's chromium (used by tests/test_review_browser.py) when it is missing.
# Needs root (CI runs as root) and the Debian package archive; does nothing if chromium is there.
set -euo pipefail
for exe in chromium chromium-browser; do
    if command -v "$exe" >/dev/null 2>&1; then
        echo "chromium already installed: $(command -v "$exe")"
        exit 0
    fi
done
if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
        SUDO=sudo
    else
        echo "install_chromium.sh: chromium is missing and this is not root; run: apt-get install chromium" >&2
        exit 1
    fi
else
    SUDO=
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq chromium >/dev/null
command -v chromium
