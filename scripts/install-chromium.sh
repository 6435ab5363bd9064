#!/bin/sh
# Install Debian's headless-capable Chromium for the browser tests (tests/test_browser.py).
# Does nothing if it is already there; never fails the build: without Chromium the
# browser tests skip with a reason.
set -u
CHROMIUM=/usr/bin/chromium

if [ -x "$CHROMIUM" ]; then
    echo "install-chromium: $CHROMIUM is already installed"
    exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
    echo "install-chromium: no apt-get here; install chromium yourself (browser tests will skip)"
    exit 0
fi
SUDO=""
if [ "$(id -u)" != "0" ]; then
    if command -v sudo >/dev/null 2>&1; then
        SUDO="sudo"
    else
        echo "install-chromium: not root and no sudo; cannot install chromium (browser tests will skip)"
        exit 0
    fi
fi
if $SUDO apt-get update && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y chromium; then
    echo "install-chromium: installed $("$CHROMIUM" --version 2>/dev/null || echo chromium)"
else
    echo "install-chromium: apt-get could not install chromium (browser tests will skip)"
fi
exit 0
