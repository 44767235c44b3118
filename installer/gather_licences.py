"""Gather the licence notices of every bundled component into the bundle, and write the SBOM.

    .venv/bin/python installer/gather_licences.py BUNDLE_DIR REPORT_DIR SBOM_OUT

Run with the virtual environment's Python (importlib.metadata must see the packages that were bundled).
REPORT_DIR is where installer/assistant.spec wrote modules.txt, datas.txt and binaries.txt.

Writes BUNDLE_DIR/licences/:
    LISEZMOI.txt                  index: every component, its version and licence, where its notice is
    assistant/LICENCE.txt         the application's licence: the full EUPL-1.2 text (LICENCE.txt of the repository)
    qt/                           Qt LGPLv3 notice (installer/licences/Qt-LGPL-NOTICE.txt), LGPL-3 and GPL-3 texts
    psycopg/                      team mode: psycopg's LGPLv3 notice and the licences of the libpq, OpenSSL,
                                  Kerberos, OpenLDAP... copies psycopg_binary ships (installer/licences/psycopg/)
    icu/                          ICU's notice and licence texts (installer/licences/icu/), chosen by ICU version
    polices/                      DejaVu fonts licence (resources/fonts/LICENCE-DejaVu.txt)
    python/                       CPython's licence (the interpreter is bundled)
    paquets-python/NAME-VERSION/  the licence files from each bundled distribution's dist-info
    systeme/PACKAGE/copyright     Debian copyright file of each host library PyInstaller copied (Linux)
    nomenclature.cdx.json         a copy of the SBOM
and SBOM_OUT: a CycloneDX 1.6 JSON SBOM made by ``cyclonedx-py environment`` (cyclonedx-bom), kept to the
distributions that are actually in the bundle, plus Qt, ICU, the interpreter, the fonts and the host libraries
(installer/sbom_extra.py): SPDX licence ids, SHA-256 hashes of every shipped binary, a serial number derived
from the content (two builds of one commit give the same SBOM).
"""

from __future__ import annotations

import importlib.metadata as md
import json
import os
import platform
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LICENCE_FILE = re.compile(r"(^|/)(licen[cs]e|copying|notice|authors|copyright)[^/]*$", re.IGNORECASE)


def _norm(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def bundled_distributions(report: Path) -> dict[str, md.Distribution]:
    """The installed distributions whose modules or files ended up in the bundle."""
    tops: set[str] = set()
    for line in (report / "modules.txt").read_text().splitlines():
        if line.strip():
            tops.add(line.split(".")[0])
    for name in ("datas.txt", "binaries.txt"):
        for line in (report / name).read_text().splitlines():
            dest = line.split("\t")[0].replace("\\", "/")
            if "/" in dest:
                tops.add(dest.split("/")[0])
    mapping = md.packages_distributions()
    found: dict[str, md.Distribution] = {}
    for top in sorted(tops):
        for dist_name in mapping.get(top, []):
            dist = md.distribution(dist_name)
            found[_norm(dist.metadata["Name"])] = dist
    found.pop("assistant-achat-numerique", None)  # the application itself is described separately
    return found


def licence_of(dist: md.Distribution) -> str:
    meta = dist.metadata
    if meta.get("License-Expression"):
        return str(meta["License-Expression"])
    text = (meta.get("License") or "").strip()
    if text and len(text) < 120 and "\n" not in text:
        return text
    classifiers = [c.split("::")[-1].strip() for c in meta.get_all("Classifier") or [] if c.startswith("License")]
    return ", ".join(classifiers) or "voir les fichiers joints"


def copy_python_licences(dist: md.Distribution, target: Path) -> list[str]:
    copied = []
    for file in dist.files or []:
        path = str(file)
        if ".dist-info/" in path and LICENCE_FILE.search(path):
            source = Path(str(dist.locate_file(file)))
            if source.is_file():
                dest = target / path.split(".dist-info/", 1)[1]
                dest.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(source, dest)
                copied.append(dest.relative_to(target).as_posix())
    if not copied:  # no licence file in the wheel (PySide6, shiboken6): keep what the metadata says
        target.mkdir(parents=True, exist_ok=True)
        (target / "LICENCE-METADONNEES.txt").write_text(
            f"{dist.metadata['Name']} {dist.version}\nLicence déclarée : {licence_of(dist)}\n"
            f"Projet : {dist.metadata.get('Home-page') or dist.metadata.get('Project-URL') or ''}\n",
            encoding="utf-8")
        copied.append("LICENCE-METADONNEES.txt")
    return copied


def host_packages(report: Path) -> dict[str, dict[str, object]]:
    """Debian packages owning the host libraries PyInstaller copied: {package: {version, files}}."""
    sources = []
    for line in (report / "binaries.txt").read_text().splitlines():
        dest, src = line.split("\t")
        if src.startswith(("/lib/", "/usr/lib/", "/lib64/")) and "/" not in dest:
            sources.append(os.path.realpath(src))
    if not sources or shutil.which("dpkg") is None:
        return {}
    owners: dict[str, dict[str, object]] = {}
    for src in sorted(set(sources)):
        candidates = [src, src.replace("/usr/lib/", "/lib/", 1) if src.startswith("/usr/lib/")
                      else "/usr" + src]
        for candidate in candidates:
            out = subprocess.run(["dpkg", "-S", candidate], capture_output=True, text=True,  # noqa: S603, S607
                                 check=False)
            if out.returncode == 0:
                package = out.stdout.split(":")[0].strip()
                entry = owners.setdefault(package, {"files": []})
                entry["files"].append(Path(src).name)  # type: ignore[union-attr]
                break
    for package, entry in owners.items():
        out = subprocess.run(["dpkg-query", "-W", "-f=${Version}", package],  # noqa: S603, S607
                             capture_output=True, text=True, check=False)
        entry["version"] = out.stdout.strip()
    return owners


def cpython_licence() -> Path | None:
    for candidate in (Path(sys.base_prefix) / "lib" / f"python{sys.version_info.major}.{sys.version_info.minor}"
                      / "LICENSE.txt", Path(sys.base_prefix) / "LICENSE.txt",
                      Path("/usr/share/doc/python3.11/copyright")):
        if candidate.is_file():
            return candidate
    return None


ICU_TEXTS_DFS = ("Unicode-DFS-2016.txt", "ICU.txt")
ICU_TEXTS_V3 = ("Unicode-3.0.txt",)


def icu_version(bundle: Path) -> str | None:
    """The version of the ICU libraries Qt brings (full when the library answers, else its major number)."""
    libs = sorted((bundle / "_internal" / "PySide6" / "Qt" / "lib").glob("libicuuc.so.*"))
    if not libs:
        return None
    major = libs[0].name.split(".so.")[1].split(".")[0]
    try:
        import ctypes

        ctypes.CDLL(str(libs[0].with_name(f"libicudata.so.{major}")), mode=ctypes.RTLD_GLOBAL)
        lib = ctypes.CDLL(str(libs[0]))
        version = (ctypes.c_uint8 * 4)()
        getattr(lib, f"u_getVersion_{major}")(version)
        parts = list(version)
        while len(parts) > 2 and parts[-1] == 0:
            parts.pop()
        return ".".join(str(part) for part in parts)
    except (OSError, AttributeError):
        return major


def icu_licence(version: str) -> str:
    return "Unicode-3.0" if int(version.split(".", maxsplit=1)[0]) >= 74 else "Unicode-DFS-2016 AND ICU"


PSYCOPG_LICENCES = ROOT / "installer" / "licences" / "psycopg"


def psycopg_licences(out: Path, dists: dict[str, md.Distribution]) -> list[str]:
    """Team mode: psycopg's LGPL notice and the licences of the libpq copy psycopg_binary ships (psycopg/)."""
    shutil.copytree(PSYCOPG_LICENCES, out / "psycopg")
    versions = " / ".join(f"{dists[key].metadata['Name']} {dists[key].version}"
                          for key in ("psycopg", "psycopg-binary") if key in dists)
    return [f"psycopg 3 (mode équipe, {versions}) : LGPL-3.0-only → psycopg/psycopg-LGPL-NOTICE.txt, qt/LGPL-3.txt",
            "  psycopg_binary et sa libpq restent des fichiers séparés et remplaçables (_internal/psycopg_binary/,",
            "  _internal/psycopg_binary.libs/).",
            "libpq (PostgreSQL) et ses bibliothèques (OpenSSL, Kerberos, OpenLDAP, Cyrus SASL...), livrées par",
            "  psycopg_binary : PostgreSQL, Apache-2.0, MIT, OLDAP-2.8, BSD, LGPL-2.1 → psycopg/libpq/LISEZMOI.txt", ""]


def write_licences(bundle: Path, report: Path) -> tuple[dict[str, md.Distribution], dict[str, dict[str, object]]]:
    from assistant import APP_DISPLAY_NAME, __version__

    out = bundle / "licences"
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    index = [f"{APP_DISPLAY_NAME} {__version__} — licences des composants livrés", "=" * 72, ""]

    (out / "assistant").mkdir()
    shutil.copyfile(ROOT / "LICENCE.txt", out / "assistant" / "LICENCE.txt")
    index += [f"{APP_DISPLAY_NAME} {__version__} : EUPL-1.2 (texte officiel complet) → assistant/LICENCE.txt", ""]

    (out / "qt").mkdir()
    shutil.copyfile(ROOT / "installer" / "licences" / "Qt-LGPL-NOTICE.txt", out / "qt" / "Qt-LGPL-NOTICE.txt")
    for name in ("LGPL-3", "GPL-3"):
        text = Path("/usr/share/common-licenses") / name
        if text.is_file():
            shutil.copyfile(text, out / "qt" / f"{name}.txt")
        else:
            (out / "qt" / f"{name}.txt").write_text(f"Texte : https://www.gnu.org/licenses/{name.lower()}.txt\n")
    index += ["Qt (par PySide6) : LGPL-3.0-only → qt/Qt-LGPL-NOTICE.txt, qt/LGPL-3.txt, qt/GPL-3.txt",
              "  Les bibliothèques de Qt restent des fichiers séparés et remplaçables (_internal/PySide6/Qt/lib).", ""]

    icu = icu_version(bundle)
    if icu is not None:
        (out / "icu").mkdir()
        texts = ICU_TEXTS_V3 if int(icu.split(".")[0]) >= 74 else ICU_TEXTS_DFS
        for name in ("NOTICE-ICU.txt", *texts):
            shutil.copyfile(ROOT / "installer" / "licences" / "icu" / name, out / "icu" / name)
        index += [f"ICU {icu} (utilisé par Qt, _internal/PySide6/Qt/lib/libicu*) : {icu_licence(icu)} → "
                  + ", ".join(f"icu/{name}" for name in ("NOTICE-ICU.txt", *texts)), ""]

    (out / "polices").mkdir()
    shutil.copyfile(ROOT / "resources" / "fonts" / "LICENCE-DejaVu.txt", out / "polices" / "LICENCE-DejaVu.txt")
    index += ["Polices DejaVu (DejaVuSans*.ttf) : licence Bitstream Vera / DejaVu → polices/LICENCE-DejaVu.txt", ""]

    dists = bundled_distributions(report)
    if "psycopg-binary" in dists:
        index += psycopg_licences(out, dists)

    python_licence = cpython_licence()
    (out / "python").mkdir()
    if python_licence:
        shutil.copyfile(python_licence, out / "python" / "LICENSE.txt")
    index += [f"Interpréteur CPython {platform.python_version()} : PSF-2.0 → python/LICENSE.txt", ""]

    index.append("Paquets Python (dossier paquets-python/) :")
    for key in sorted(dists):
        dist = dists[key]
        folder = out / "paquets-python" / f"{dist.metadata['Name']}-{dist.version}"
        files = copy_python_licences(dist, folder)
        index.append(f"  {dist.metadata['Name']} {dist.version} : {licence_of(dist)} → "
                     + ", ".join(f"paquets-python/{folder.name}/{f}" for f in files))
    index.append("")

    hosts = host_packages(report)
    if hosts:
        index.append("Bibliothèques du système de construction copiées dans _internal/ (dossier systeme/) :")
        for package in sorted(hosts):
            entry = hosts[package]
            copyright_file = Path("/usr/share/doc") / package / "copyright"
            target = out / "systeme" / package
            target.mkdir(parents=True, exist_ok=True)
            if copyright_file.is_file():
                shutil.copyfile(copyright_file, target / "copyright")
            index.append(f"  {package} {entry['version']} ({', '.join(entry['files'])}) → systeme/{package}/copyright")
        index.append("")
    (out / "LISEZMOI.txt").write_text("\n".join(index) + "\n", encoding="utf-8")
    return dists, hosts


def write_sbom(target: Path, dists: dict[str, md.Distribution], hosts: dict[str, dict[str, object]],
               scratch: Path) -> None:
    """Run cyclonedx-py on this environment, then keep only what the bundle contains."""
    from assistant import APP_NAME, __version__

    full = scratch / "environnement.cdx.json"  # the whole .venv, build and test tools included
    env = dict(os.environ, SOURCE_DATE_EPOCH=os.environ.get("SOURCE_DATE_EPOCH", "0"))
    subprocess.run([str(Path(sys.executable).with_name("cyclonedx-py")), "environment", "--pyproject",  # noqa: S603
                    str(ROOT / "pyproject.toml"), "--output-reproducible", "-o", str(full), sys.prefix],
                   check=True, env=env)
    bom = json.loads(full.read_text())
    keep = {_norm(c["name"]) for c in bom["components"]} & set(dists)
    bom["components"] = [c for c in bom["components"] if _norm(c["name"]) in keep]
    refs = {c["bom-ref"] for c in bom["components"]} | {"root-component"}
    deps = []
    for dep in bom.get("dependencies", []):
        if dep["ref"] in refs:
            kept = [r for r in dep.get("dependsOn", []) if r in refs]
            deps.append({"ref": dep["ref"], **({"dependsOn": kept} if kept else {})})
    extra = [
        {"type": "application", "bom-ref": "cpython", "name": "CPython", "version": platform.python_version(),
         "licenses": [{"license": {"id": "PSF-2.0"}}],
         "purl": f"pkg:generic/cpython@{platform.python_version()}"},
        {"type": "file", "bom-ref": "dejavu-fonts", "name": "DejaVu fonts (DejaVuSans*.ttf)",
         "licenses": [{"license": {"id": "Bitstream-Vera"}}]},
    ]
    for package in sorted(hosts):
        version = str(hosts[package]["version"])
        arch = platform.machine().replace("x86_64", "amd64")
        extra.append({"type": "library", "bom-ref": f"deb:{package}", "name": package, "version": version,
                      "purl": f"pkg:deb/debian/{package}@{version}?arch={arch}",
                      "description": "copié du système de construction : " + ", ".join(hosts[package]["files"])})  # type: ignore[arg-type]
    bom["components"].extend(extra)
    root_deps = next((d for d in deps if d["ref"] == "root-component"), None)
    top = sorted(refs - {"root-component"} | {e["bom-ref"] for e in extra})
    if root_deps is None:
        deps.append({"ref": "root-component", "dependsOn": top})
    else:
        root_deps["dependsOn"] = top
    deps.extend({"ref": e["bom-ref"]} for e in extra)
    bom["dependencies"] = deps
    bom["metadata"]["component"]["version"] = __version__
    bom["metadata"]["component"]["name"] = APP_NAME
    bom["metadata"].setdefault("properties", []).append(
        {"name": "assistant:note", "value": "cyclonedx-py environment, réduit aux composants du bundle PyInstaller"})
    target.write_text(json.dumps(bom, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def validate_sbom(target: Path) -> None:
    """Stop the build when the SBOM does not validate against the CycloneDX 1.6 schema."""
    try:
        from cyclonedx.schema import SchemaVersion
        from cyclonedx.validation.json import JsonStrictValidator

        error = JsonStrictValidator(SchemaVersion.V1_6).validate_str(target.read_text())
    except ImportError:
        error = None
    if error is not None:
        raise SystemExit(f"La nomenclature {target} n'est pas valide : {error}")


def main() -> int:
    bundle, report, sbom = (Path(a) for a in sys.argv[1:4])
    sys.path.insert(0, str(ROOT))
    sys.path.insert(0, str(ROOT / "installer"))
    dists, hosts = write_licences(bundle, report)
    write_sbom(sbom, dists, hosts, report)
    from sbom_extra import complete_sbom  # installer/sbom_extra.py, beside this file

    complete_sbom(sbom, bundle, report, dists, hosts, icu=icu_version(bundle), icu_licence=icu_licence)
    validate_sbom(sbom)
    shutil.copyfile(sbom, bundle / "licences" / "nomenclature.cdx.json")
    print(f"Licences : {bundle / 'licences'} ({len(dists)} paquets Python, {len(hosts)} paquets Debian) ; "
          f"nomenclature : {sbom}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
