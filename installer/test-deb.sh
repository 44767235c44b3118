#!/usr/bin/env bash
# Unpack the Debian package into a temporary root (dpkg-deb -x, no installation) and check it:
# its layout (/opt, /usr/bin link, .desktop, icon, metainfo), then installer/smoke-test on the binary
# reached through the /usr/bin link.
#
#   bash installer/test-deb.sh dist/assistant-achat-numerique_0.1.0_amd64.deb
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
DEB=${1:?usage : bash installer/test-deb.sh FICHIER.deb}
[ -f "$DEB" ] || { echo "Paquet introuvable : $DEB" >&2; exit 1; }
NAME=$(dpkg-deb -f "$DEB" Package)
ROOTDIR=$(mktemp -d "${TMPDIR:-/tmp}/test-deb.XXXXXX")
trap 'rm -rf "$ROOTDIR"' EXIT
dpkg-deb -x "$DEB" "$ROOTDIR"
echo "Paquet $DEB ($(dpkg-deb -f "$DEB" Version)) décompressé dans $ROOTDIR"

problems=0
check() { if eval "$2"; then echo "OK     $1"; else echo "ÉCHEC  $1"; problems=$((problems + 1)); fi; }
check "exécutable /opt/$NAME/$NAME" "[ -x '$ROOTDIR/opt/$NAME/$NAME' ]"
check "lien /usr/bin/$NAME → /opt/$NAME/$NAME" "[ \"\$(readlink '$ROOTDIR/usr/bin/$NAME')\" = '/opt/$NAME/$NAME' ]"
check "entrée de menu .desktop" "ls '$ROOTDIR'/usr/share/applications/*.desktop >/dev/null 2>&1"
check "icône" "[ -f '$ROOTDIR/usr/share/icons/hicolor/scalable/apps/$NAME.svg' ]"
check "métadonnées AppStream" "ls '$ROOTDIR'/usr/share/metainfo/*.metainfo.xml >/dev/null 2>&1"
check "licences" "[ -f '$ROOTDIR/opt/$NAME/licences/LISEZMOI.txt' ]"
check "dépendances déclarées (libgl1, libegl1)" "dpkg-deb -f '$DEB' Depends | grep -q 'libgl1' && dpkg-deb -f '$DEB' Depends | grep -q 'libegl1'"
if command -v desktop-file-validate >/dev/null; then
    check "desktop-file-validate" "desktop-file-validate '$ROOTDIR'/usr/share/applications/*.desktop"
fi
if command -v appstreamcli >/dev/null; then
    check "appstreamcli validate" "appstreamcli validate --no-net '$ROOTDIR'/usr/share/metainfo/*.metainfo.xml >/dev/null"
fi

# The /usr/bin link points to the absolute /opt path, which does not exist in the temporary root: run the
# binary the link would reach, relocated into the temporary root.
TARGET=$ROOTDIR$(readlink "$ROOTDIR/usr/bin/$NAME")
ln -sfn "$TARGET" "$ROOTDIR/usr/bin/$NAME.test"   # a link, as installed: the bundle must resolve it
status=0
"$HERE/smoke-test" "$ROOTDIR/usr/bin/$NAME.test" || status=1
[ "$problems" -eq 0 ] && [ "$status" -eq 0 ] && { echo "Paquet vérifié."; exit 0; }
echo "Paquet en échec."
exit 1
