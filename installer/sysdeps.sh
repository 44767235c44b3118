#!/bin/sh
# Make sure the system libraries Qt needs (and Python's venv) are present on a Debian-like system.
# Installs them with apt-get when run as root; otherwise prints the one command to run. Exit 1 if missing.
set -eu
LIBS="libgl1 libegl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libdbus-1-3 libglib2.0-0 \
libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-render-util0 libxcb-shape0 libxcb-xkb1"
SONAMES="libGL.so.1 libEGL.so.1 libxkbcommon.so.0 libxkbcommon-x11.so.0 libfontconfig.so.1 libdbus-1.so.3 \
libglib-2.0.so.0 libxcb-cursor.so.0 libxcb-icccm.so.4"
PYTHON=${PYTHON:-python3}

missing=""
for so in $SONAMES; do
    if ! ldconfig -p 2>/dev/null | grep -q "$so"; then missing="$missing $so"; fi
done
need_venv=""
if ! "$PYTHON" -c 'import venv, ensurepip' >/dev/null 2>&1; then need_venv="python3-venv"; fi
if ! command -v "$PYTHON" >/dev/null 2>&1; then need_venv="python3 python3-venv"; fi

[ -z "$missing" ] && [ -z "$need_venv" ] && exit 0

if ! command -v apt-get >/dev/null 2>&1; then
    echo "Bibliothèques système manquantes pour Qt :$missing $need_venv. Installez-les avec le gestionnaire de paquets de votre système." >&2
    exit 1
fi
packages="$LIBS $need_venv ca-certificates"
if [ "$(id -u)" = "0" ]; then
    echo "Installation des bibliothèques système nécessaires à Qt :$missing $need_venv" >&2
    DEBIAN_FRONTEND=noninteractive apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $packages >/dev/null
else
    echo "Bibliothèques système manquantes pour Qt :$missing $need_venv" >&2
    echo "Lancez : sudo apt-get install --no-install-recommends $packages" >&2
    exit 1
fi
