#!/usr/bin/env bash
# Reproducibility check: builds the last commit twice, each time from a clean clone (same folder, one after the
# other), and compares the .deb, the .tar.gz and the SBOM byte for byte. Exit 0 when they are identical.
#
#   bash installer/check-reproducible.sh          # about twice the time of installer/build.sh
#
# Uses the repository's .venv (PY=... to choose another Python with the same packages). Uncommitted changes are
# not built: commit first. Not run by CI (too slow); the packager's checklist (installer/README.md) runs it.
set -euo pipefail
cd "$(dirname "$0")/.."
REPO=$PWD
PY=${PY:-$REPO/.venv/bin/python}
[ -x "$PY" ] || { echo "Erreur : $PY absent ; lancez d'abord « make dist »." >&2; exit 1; }
COMMIT=$(git rev-parse HEAD)
WORK=$(mktemp -d "${TMPDIR:-/tmp}/reproductible.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
[ -z "$(git status --porcelain --untracked-files=no)" ] || echo "Attention : modifications non validées, ignorées (seul $COMMIT est construit)." >&2

for run in 1 2; do
    echo "Construction $run/2 de $COMMIT dans un clone propre…"
    rm -rf "$WORK/src"
    git clone -q --no-local "$REPO" "$WORK/src"
    git -C "$WORK/src" checkout -q "$COMMIT"
    start=$(date +%s)
    if ! (cd "$WORK/src" && PY=$PY bash installer/build.sh) > "$WORK/build-$run.log" 2>&1; then
        tail -20 "$WORK/build-$run.log" >&2
        echo "Erreur : la construction $run a échoué." >&2
        exit 1
    fi
    echo "  terminée en $(( $(date +%s) - start )) s"
    mkdir -p "$WORK/out-$run"
    cp "$WORK/src"/dist/*.deb "$WORK/src"/dist/*.tar.gz "$WORK/src"/dist/*.cdx.json "$WORK/out-$run/" 2>/dev/null || true
done

status=0
for file in "$WORK"/out-1/*; do
    name=$(basename "$file")
    one=$(sha256sum < "$file" | cut -d' ' -f1)
    two=$(sha256sum < "$WORK/out-2/$name" 2>/dev/null | cut -d' ' -f1 || true)
    if [ "$one" = "$two" ]; then
        echo "IDENTIQUE  $name  sha256 $one  ($(du -h "$file" | cut -f1))"
    else
        echo "DIFFÉRENT  $name"
        status=1
    fi
done
if [ "$status" -ne 0 ]; then
    # Say which files of the bundle differ (diffoscope, if installed, tells how).
    for run in 1 2; do mkdir -p "$WORK/x-$run" && tar -xzf "$WORK"/out-$run/*.tar.gz -C "$WORK/x-$run"; done
    diff -rq "$WORK/x-1" "$WORK/x-2" | sed "s|$WORK/||g" | head -20 || true
    echo "Résultat : les deux constructions diffèrent."
    exit 1
fi
echo "Résultat : les deux constructions sont identiques octet pour octet."
