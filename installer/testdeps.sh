#!/bin/sh
# What the test suite needs beyond the application: LibreOffice Writer (headless, to prove the ODT note opens
# in the suite buyers have), poppler's pdftoppm and PostgreSQL's server (the team mode's tests start their
# own throw-away cluster with initdb/pg_ctl). Installs them with apt-get when run as root; otherwise
# says which command to run, and the tests that need them say they were skipped and why.
set -eu
need=""
command -v soffice >/dev/null 2>&1 || need="$need libreoffice-writer-nogui"
command -v pdftoppm >/dev/null 2>&1 || need="$need poppler-utils"
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need="$need postgresql"
[ -z "$need" ] && exit 0
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installation des outils des tests :$need" >&2
    DEBIAN_FRONTEND=noninteractive apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $need >/dev/null
else
    echo "Outils des tests absents :$need (sudo apt-get install --no-install-recommends$need) ; les tests qui en ont besoin seront ignorés." >&2
fi
