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
# The libc6 floor must be the highest GLIBC_x.y symbol version the unpacked files import (objdump -T).
declared=$(dpkg-deb -f "$DEB" Depends | sed -n 's/.*libc6 (>= \([0-9.]*\)).*/\1/p')
needed=$(find "$ROOTDIR/opt/$NAME" -type f \( -name '*.so*' -o -perm -u+x \) -exec objdump -T {} + 2>/dev/null \
    | grep '\*UND\*' | grep -o 'GLIBC_[0-9][0-9.]*' | sed 's/GLIBC_//' | sort -u -V | tail -1)
check "libc6 (>= $declared) = plus haute version GLIBC requise ($needed)" "[ -n '$needed' ] && [ '$declared' = '$needed' ]"
check "aucun RUNPATH hors du dossier autonome" "! find '$ROOTDIR/opt/$NAME' -type f -name '*.so*' -exec objdump -p {} + 2>/dev/null | grep -E '^ +(RUNPATH|RPATH)' | grep -v '\$ORIGIN' | grep -q ."
check "bibliothèques partagées non exécutables" "[ -z \"\$(find '$ROOTDIR/opt/$NAME/_internal' -type f -name '*.so*' -perm /111)\" ]"
check "licence EUPL-1.2 complète" "grep -q 'EUROPEAN UNION PUBLIC LICENCE v. 1.2' '$ROOTDIR/opt/$NAME/licences/assistant/LICENCE.txt' && grep -q 'Appendix' '$ROOTDIR/opt/$NAME/licences/assistant/LICENCE.txt'"
check "licences de psycopg (LGPL-3) et de libpq" "grep -q 'LGPL' '$ROOTDIR/opt/$NAME/licences/psycopg/psycopg-LGPL-NOTICE.txt' && grep -q 'PostgreSQL Global Development Group' '$ROOTDIR/opt/$NAME/licences/psycopg/libpq/PostgreSQL.txt' && [ -f '$ROOTDIR/opt/$NAME/licences/psycopg/libpq/Apache-2.0.txt' ] && grep -q 'psycopg' '$ROOTDIR/usr/share/doc/$NAME/copyright'"
check "licence d'ICU" "ls '$ROOTDIR/opt/$NAME/licences/icu/'NOTICE-ICU.txt >/dev/null 2>&1"
check "page de manuel" "[ -f '$ROOTDIR/usr/share/man/man1/$NAME.1.gz' ] && zcat '$ROOTDIR/usr/share/man/man1/$NAME.1.gz' | grep -q '^.SH COMMANDES'"
check "journal des modifications (version $(dpkg-deb -f "$DEB" Version))" "zcat '$ROOTDIR/usr/share/doc/$NAME/changelog.gz' | head -1 | grep -qF '($(dpkg-deb -f "$DEB" Version))'"
if command -v desktop-file-validate >/dev/null; then
    check "desktop-file-validate" "desktop-file-validate '$ROOTDIR'/usr/share/applications/*.desktop"
fi
if command -v appstreamcli >/dev/null; then
    check "appstreamcli validate" "appstreamcli validate --no-net '$ROOTDIR'/usr/share/metainfo/*.metainfo.xml >/dev/null"
fi

# lintian: no tag of level error or warning that installer/lintian-overrides does not explain.
if [ -z "${NO_LINTIAN:-}" ] && command -v lintian >/dev/null; then
    lintian_out=$ROOTDIR.lintian
    lintian --tag-display-limit 0 "$DEB" > "$lintian_out" 2>/dev/null || true
    grep -E '^[EW]: ' "$lintian_out" | sed 's/^/    /' || true
    check "lintian : aucune erreur ni alerte sans justification" "! grep -qE '^[EW]: ' '$lintian_out'"
    rm -f "$lintian_out"
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
