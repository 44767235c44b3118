#!/usr/bin/env bash
# Build the one-folder bundle, its .tar.gz, its licences and SBOM, and a Debian package (called by `make dist`).
#
#   bash installer/build.sh            # everything, into dist/
#   NO_DEB=1 bash installer/build.sh   # bundle + .tar.gz only (e.g. on a non-Debian machine)
#
# Needs: .venv with requirements.lock and installer/requirements-dist.txt (make dist installs both), binutils
# (objdump), patchelf, and on Debian dpkg-deb (dpkg ≥ 1.21.18 for zstd). Reproducible: PYTHONHASHSEED=0 and
# SOURCE_DATE_EPOCH (the last commit's date) make two builds of one commit byte-identical
# (installer/check-reproducible.sh checks it). DEB_MAINTAINER="Nom <adresse>" sets the .deb's Maintainer.
# Outputs in dist/:
#   assistant-achat-numerique/                            the bundle (run ./assistant-achat-numerique)
#   assistant-achat-numerique-VERSION-linux-ARCH.tar.gz   the bundle, archived
#   assistant-achat-numerique_VERSION_ARCH.deb            /opt/assistant-achat-numerique + /usr/bin link
#   assistant-achat-numerique-VERSION.cdx.json            CycloneDX SBOM of what the bundle contains
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
PY=${PY:-$ROOT/.venv/bin/python}
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct 2>/dev/null || date +%s)}
export PYTHONHASHSEED=0  # set iteration order, hence the order of the entries in base_library.zip
export TZ=UTC LC_ALL=C.UTF-8
umask 022
start=$(date +%s)

say() { printf '%s\n' "$*" >&2; }
die() { say "Erreur : $*"; exit 1; }

[ -x "$PY" ] || die "l'environnement .venv est absent ; lancez d'abord « make test » ou « make run »."
"$PY" -c 'import PyInstaller' 2>/dev/null \
    || die "PyInstaller n'est pas installé dans .venv (installer/requirements-dist.txt, installé par « make dist »)."
[ -x "$(dirname "$PY")/cyclonedx-py" ] || die "cyclonedx-py n'est pas installé dans .venv (installer/requirements-dist.txt, installé par « make dist »)."
command -v objdump >/dev/null || die "objdump manque (apt-get install binutils)."
command -v patchelf >/dev/null || die "patchelf manque (apt-get install patchelf)."

NAME=$("$PY" -c 'import assistant; print(assistant.APP_NAME)')
VERSION=$("$PY" -c 'import assistant; print(assistant.__version__)')
DISPLAY_NAME=$("$PY" -c 'import assistant; print(assistant.APP_DISPLAY_NAME)')
APP_ID=fr.gouv.AssistantAchatNumerique
ARCH=$(uname -m)
DEB_ARCH=$(dpkg --print-architecture 2>/dev/null || echo amd64)
DIST=$ROOT/dist
BUNDLE=$DIST/$NAME
REPORT=$ROOT/build/pyinstaller
TARBALL=$DIST/$NAME-$VERSION-linux-$ARCH.tar.gz
DEB=$DIST/${NAME}_${VERSION}_${DEB_ARCH}.deb
SBOM=$DIST/$NAME-$VERSION.cdx.json

say "1/5 PyInstaller : $DISPLAY_NAME $VERSION → $BUNDLE"
rm -rf "$BUNDLE" "$REPORT"
ASSISTANT_BUILD_REPORT=$REPORT "$PY" -m PyInstaller --noconfirm --clean --log-level WARN \
    --distpath "$DIST" --workpath "$REPORT" installer/assistant.spec
[ -x "$BUNDLE/$NAME" ] || die "PyInstaller n'a pas produit $BUNDLE/$NAME."
cp installer/site.toml.exemple "$BUNDLE/site.toml.exemple"
cp installer/team-roles.sql "$BUNDLE/team-roles.sql"  # the team mode's roles, for the server's administrator

# RUNPATHs into the build machine (pyenv's lib folder...) are removed; those inside the bundle ($ORIGIN) stay.
# Shared libraries are data for the loader, not programs: mode 644 (only the executable keeps 755).
runpaths=0
while IFS= read -r -d '' lib; do
    rpath=$(patchelf --print-rpath "$lib" 2>/dev/null) || continue
    [ -n "$rpath" ] || continue
    keep=$(printf '%s\n' "$rpath" | tr ':' '\n' | grep '^\$ORIGIN' | paste -sd: - || true)
    [ "$keep" = "$rpath" ] && continue
    if [ -n "$keep" ]; then patchelf --set-rpath "$keep" "$lib"; else patchelf --remove-rpath "$lib"; fi
    runpaths=$((runpaths + 1))
done < <(find "$BUNDLE/_internal" -type f -name '*.so*' -print0 | sort -z)
say "  RUNPATH hors du dossier retirés : $runpaths bibliothèque(s)"
find "$BUNDLE/_internal" -type f -name '*.so*' -exec chmod 644 {} +

say "2/5 Licences et nomenclature logicielle (CycloneDX)"
"$PY" installer/gather_licences.py "$BUNDLE" "$REPORT" "$SBOM"

say "3/5 Archive $TARBALL"
tar --sort=name --owner=0 --group=0 --numeric-owner --mtime="@$SOURCE_DATE_EPOCH" \
    -C "$DIST" -cf - "$NAME" | gzip -n -6 > "$TARBALL"

if [ -n "${NO_DEB:-}" ] || ! command -v dpkg-deb >/dev/null; then
    say "4/5 Paquet Debian : non construit (NO_DEB ou dpkg-deb absent)."
else
    say "4/5 Paquet Debian $DEB"
    DEBROOT=$ROOT/build/deb
    BUILD_TMP=$ROOT/build/tmp
    MAINTAINER=${DEB_MAINTAINER:-Équipe Assistant achat numérique <assistant-achat-numerique@example.org>}
    [ -n "${DEB_MAINTAINER:-}" ] || say "  Avertissement : DEB_MAINTAINER non défini ; Maintainer est une adresse d'exemple, à remplacer pour une livraison."
    rm -rf "$BUILD_TMP" && mkdir -p "$BUILD_TMP"
    rm -rf "$DEBROOT"
    mkdir -p "$DEBROOT/DEBIAN" "$DEBROOT/opt" "$DEBROOT/usr/bin" "$DEBROOT/usr/share/applications" \
        "$DEBROOT/usr/share/metainfo" "$DEBROOT/usr/share/icons/hicolor/scalable/apps" \
        "$DEBROOT/usr/share/icons/hicolor/256x256/apps" "$DEBROOT/usr/share/doc/$NAME"
    cp -a "$BUNDLE" "$DEBROOT/opt/$NAME"
    ln -s "/opt/$NAME/$NAME" "$DEBROOT/usr/bin/$NAME"
    install -m 644 installer/linux/$APP_ID.desktop "$DEBROOT/usr/share/applications/$APP_ID.desktop"
    sed -e "s/@VERSION@/$VERSION/" -e "s/@DATE@/$(date -u -d "@$SOURCE_DATE_EPOCH" +%F)/" \
        installer/linux/$APP_ID.metainfo.xml > "$DEBROOT/usr/share/metainfo/$APP_ID.metainfo.xml"
    install -m 644 installer/linux/$NAME.svg "$DEBROOT/usr/share/icons/hicolor/scalable/apps/$NAME.svg"
    install -m 644 installer/linux/$NAME.png "$DEBROOT/usr/share/icons/hicolor/256x256/apps/$NAME.png"
    # /usr/share/doc: machine-readable copyright with the full EUPL-1.2 text, changelog, lintian overrides,
    # and the manual page generated from the command line's own help.
    {
        cat <<EOF
Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/
Upstream-Name: $DISPLAY_NAME
Comment: Les licences de chaque composant livré (Qt et PySide6 en LGPL-3, ICU, paquets Python, CPython,
 psycopg en LGPL-3 et la libpq qu'il embarque, polices DejaVu, bibliothèques du système de construction)
 sont dans /opt/$NAME/licences/ (index :
 LISEZMOI.txt), et la nomenclature CycloneDX de ces composants dans /opt/$NAME/licences/nomenclature.cdx.json.

Files: *
Copyright: $(date -u -d "@$SOURCE_DATE_EPOCH" +%Y) Équipe Assistant achat numérique
License: EUPL-1.2

Files: opt/$NAME/_internal/*
Copyright: voir /opt/$NAME/licences/LISEZMOI.txt (chaque composant, son titulaire et sa licence)
License: various
 Composants tiers embarqués : Qt 6 et PySide6 (LGPL-3.0-only), ICU, CPython (PSF-2.0), SQLAlchemy, Alembic,
 reportlab, Pillow, PyYAML, platformdirs, psycopg 3 (LGPL-3.0-only, mode équipe) avec la libpq de PostgreSQL
 et ses bibliothèques (OpenSSL, Kerberos, OpenLDAP, Cyrus SASL : voir /opt/$NAME/licences/psycopg/) et les
 bibliothèques du système de construction. Le texte de chaque licence est dans /opt/$NAME/licences/.

License: EUPL-1.2
EOF
        sed -e 's/[[:space:]]*$//' -e 's/^$/./' -e 's/^/ /' LICENCE.txt
    } > "$DEBROOT/usr/share/doc/$NAME/copyright"
    sed -e "s|^ -- .*>  | -- $MAINTAINER  |" installer/linux/changelog \
        | gzip -9n > "$DEBROOT/usr/share/doc/$NAME/changelog.gz"
    mkdir -p "$DEBROOT/usr/share/man/man1" "$DEBROOT/usr/share/lintian/overrides"
    "$PY" installer/make_manpage.py "$BUILD_TMP/$NAME.1"
    gzip -9nc "$BUILD_TMP/$NAME.1" > "$DEBROOT/usr/share/man/man1/$NAME.1.gz"
    install -m 644 installer/lintian-overrides "$DEBROOT/usr/share/lintian/overrides/$NAME"

    # Depends: the libraries Qt needs from the system (libGL/libEGL and libxcb are never bundled), plus
    # every package owning a library the bundle still resolves outside itself (checked with ldd below).
    # libc6: the highest GLIBC_x.y symbol version any bundled file imports (installer/glibc_floor.py).
    GLIBC_FLOOR=$(python3 installer/glibc_floor.py "$BUNDLE") || die "plancher glibc introuvable."
    say "  glibc requise par le dossier autonome : $GLIBC_FLOOR"
    BASE_DEPENDS="libc6 (>= $GLIBC_FLOOR), libgl1, libegl1, libfontconfig1, libfreetype6, libxkbcommon0, libxkbcommon-x11-0, \
libx11-6, libx11-xcb1, libxcb1, libxcb-cursor0, libxcb-icccm4, libxcb-image0, libxcb-keysyms1, libxcb-render-util0, \
libxcb-shape0, libxcb-xkb1, libxcb-randr0, libxcb-shm0, libxcb-sync1, libxcb-xfixes0, libxcb-render0, libxcb-glx0, \
libdbus-1-3, libglib2.0-0, fonts-dejavu-core"
    external=$(cd "$BUNDLE/_internal" && find . -type f \( -name '*.so*' -o -perm -u+x \) -print0 \
        | LD_LIBRARY_PATH=$PWD xargs -0 ldd 2>/dev/null | awk '/=> \// {print $3}' | grep -v "^$BUNDLE" | sort -u)
    extra=""
    owner() {  # the Debian package owning a library, whichever of /lib or /usr/lib dpkg recorded
        local real candidate
        real=$(readlink -f "$1")
        for candidate in "$1" "$real" "${real#/usr}" "/usr${1#/usr}"; do
            dpkg -S "$candidate" 2>/dev/null | head -1 | cut -d: -f1 | grep . && return 0
        done
        return 1
    }
    for lib in $external; do
        pkg=$(owner "$lib") || { say "  (bibliothèque $lib : paquet inconnu)"; continue; }
        case ", $BASE_DEPENDS, $extra" in *", $pkg,"*|*", $pkg "*) ;; *) extra="$extra, $pkg";; esac
    done
    [ -n "$extra" ] && say "  Dépendances trouvées par ldd en plus de la liste de base :${extra#,}"
    installed_kb=$(du -sk --exclude=DEBIAN "$DEBROOT" | cut -f1)
    cat > "$DEBROOT/DEBIAN/control" <<EOF
Package: $NAME
Version: $VERSION
Architecture: $DEB_ARCH
Maintainer: $MAINTAINER
Installed-Size: $installed_kb
Depends: $BASE_DEPENDS$extra
Section: misc
Priority: optional
Description: $DISPLAY_NAME — décisions d'achat numérique de l'État, hors ligne
 Guide un acheteur de l'État dans une décision d'achat numérique
 (doctrine de février 2026) : besoin, chemin, sensibilité des données,
 hébergement, offres, procédure, et note de décision PDF. Fonctionne
 sans réseau.
 .
 Application autonome (Python, Qt 6) installée dans le dossier
 /opt/$NAME et lancée par la commande
 $NAME. Configuration du site :
 /etc/xdg/$NAME/site.toml.
EOF
    find "$DEBROOT" -exec touch -h -d "@$SOURCE_DATE_EPOCH" {} +
    dpkg-deb --root-owner-group -Zzstd --build "$DEBROOT" "$DEB" >/dev/null
fi

say "5/5 Résumé"
elapsed=$(( $(date +%s) - start ))
size() { du -sh "$1" 2>/dev/null | cut -f1; }
say "  bundle      $BUNDLE ($(size "$BUNDLE"))"
say "  archive     $TARBALL ($(size "$TARBALL"))"
[ -f "$DEB" ] && say "  paquet      $DEB ($(size "$DEB"))"
say "  SBOM        $SBOM"
say "  durée       ${elapsed} s"
say "Vérifiez-les : installer/smoke-test $BUNDLE/$NAME ; bash installer/test-deb.sh $DEB"
