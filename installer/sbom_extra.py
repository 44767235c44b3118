"""Complete the CycloneDX SBOM of the bundle (called by installer/gather_licences.py).

What ``cyclonedx-py environment`` cannot know, added here:
- Qt and ICU as components (they come inside the PySide6 wheel), with their versions and SPDX licences;
- SPDX licence ids where the Python metadata only has a classifier (reportlab's "BSD License"...);
- the licence of each Debian package whose libraries were copied, from its /usr/share/doc/*/copyright;
- the SHA-256 hash of every binary file shipped in the bundle, as ``file`` sub-components of the component
  they belong to (Qt, ICU, a Python distribution, CPython, a Debian package), and of the executable;
- a serial number derived from the content, so that two builds of one commit give the same SBOM.
"""

from __future__ import annotations

import hashlib
import importlib.metadata as md
import json
import os
import re
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

Component = dict[str, Any]

CLASSIFIER_SPDX = {
    "MIT License": "MIT",
    "Apache Software License": "Apache-2.0",
    "Python Software Foundation License": "PSF-2.0",
    "ISC License (ISCL)": "ISC",
    "Mozilla Public License 2.0 (MPL 2.0)": "MPL-2.0",
}
"""Licence classifiers that name exactly one SPDX licence ("BSD License" does not: see _bsd_variant)."""

DEBIAN_SPDX = {
    "MIT": "MIT", "Expat": "MIT", "MIT/X": "MIT", "MIT/X11": "X11", "MIT/X Consortium License": "X11",
    "X11": "X11", "BSD-2-clause": "BSD-2-Clause", "BSD-3-clause": "BSD-3-Clause", "BSD-3-Clause": "BSD-3-Clause",
    "GPL-2": "GPL-2.0-only", "GPL-2+": "GPL-2.0-or-later", "GPL-3": "GPL-3.0-only", "GPL-3+": "GPL-3.0-or-later",
    "LGPL-2+": "LGPL-2.0-or-later", "LGPL-2.1": "LGPL-2.1-only", "LGPL-2.1+": "LGPL-2.1-or-later",
    "LGPL-3": "LGPL-3.0-only", "LGPL-3+": "LGPL-3.0-or-later", "AFL-2.1": "AFL-2.1", "Zlib": "Zlib",
    "Apache-2.0": "Apache-2.0", "FTL": "FTL", "libpng": "Libpng", "CC0-1.0": "CC0-1.0", "FSFULLR": "FSFULLR",
    "BSD-variant": "bzip2-1.0.6", "PD": "LicenseRef-public-domain", "public-domain": "LicenseRef-public-domain",
}
"""Debian copyright short names (DEP-5) and their SPDX ids."""

DEBIAN_PACKAGE_SPDX = {
    # copyright files that are not machine-readable, or whose main licence carries an exception
    "libgcc-s1": "GPL-3.0-or-later WITH GCC-exception-3.1",
    "libstdc++6": "GPL-3.0-or-later WITH GCC-exception-3.1",
    "libgcrypt20": "LGPL-2.1-or-later",
    "libpcre2-8-0": "BSD-3-Clause WITH PCRE2-exception",
    "libxcb-glx0": "X11", "libxcb-randr0": "X11", "libxcb-render0": "X11", "libxcb-shape0": "X11",
    "libxcb-shm0": "X11", "libxcb-sync1": "X11", "libxcb-xfixes0": "X11", "libxcb-xkb1": "X11",
    "libxkbcommon0": "MIT", "libxkbcommon-x11-0": "MIT",
}
"""Debian packages whose licence is read by hand from their copyright file (libxcb's is the X11 licence)."""


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _hashes(path: Path) -> list[dict[str, str]]:
    return [{"alg": "SHA-256", "content": sha256(path)}]


def _licence_ref(text: str) -> str:
    return "LicenseRef-" + re.sub(r"[^A-Za-z0-9.-]+", "-", text).strip("-")


def debian_licence(package: str) -> str:
    """The SPDX expression of a Debian package's main licence (its ``Files: *`` paragraph)."""
    if package in DEBIAN_PACKAGE_SPDX:
        return DEBIAN_PACKAGE_SPDX[package]
    copyright_file = Path("/usr/share/doc") / package / "copyright"
    try:
        text = copyright_file.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return _licence_ref(f"debian-{package}-copyright")
    if not text.startswith("Format:"):
        return _licence_ref(f"debian-{package}-copyright")
    for paragraph in text.split("\n\n"):
        lines = paragraph.strip().splitlines()
        if lines and lines[0].strip() == "Files: *":
            licence = next((line[len("License:"):].strip() for line in lines if line.startswith("License:")), "")
            return _debian_expression(licence) if licence else _licence_ref(f"debian-{package}-copyright")
    return _licence_ref(f"debian-{package}-copyright")


def _debian_expression(text: str) -> str:
    """"GPL-2+ or AFL-2.1, and Expat" -> "(GPL-2.0-or-later OR AFL-2.1) AND MIT" (tokens mapped to SPDX)."""
    ands = []
    for part in re.split(r",?\s+and\s+", text.replace(", and", " and")):
        ors = [DEBIAN_SPDX.get(token.strip(), _licence_ref(token.strip()))
               for token in re.split(r"\s+or\s+", part) if token.strip()]
        ands.append(ors[0] if len(ors) == 1 else "(" + " OR ".join(ors) + ")")
    return " AND ".join(ands)


def _bsd_variant(dist: md.Distribution) -> str:
    """A "BSD License" classifier: 3-clause when the licence file has the non-endorsement clause."""
    for file in dist.files or []:
        if ".dist-info/" in str(file) and re.search(r"licen[cs]e", str(file), re.IGNORECASE):
            text = Path(str(dist.locate_file(file))).read_text(encoding="utf-8", errors="replace")
            return "BSD-3-Clause" if re.search(r"neither the name", text, re.IGNORECASE) else "BSD-2-Clause"
    return "LicenseRef-BSD"


def _spdx_licences(component: Component, dist: md.Distribution | None) -> None:
    """Replace licence names that are classifier strings by SPDX ids."""
    fixed = []
    for entry in component.get("licenses", []):
        name = entry.get("license", {}).get("name")
        if name is None:
            fixed.append(entry)
            continue
        short = name.split("::")[-1].strip()
        spdx = _bsd_variant(dist) if short == "BSD License" and dist is not None else CLASSIFIER_SPDX.get(short, "")
        fixed.append({"license": {"id": spdx, "acknowledgement": "declared"}} if spdx and
                     not spdx.startswith("LicenseRef-") else entry)
    if fixed:
        component["licenses"] = fixed


def _file_component(bundle: Path, path: Path, owner: str) -> Component:
    rel = path.relative_to(bundle).as_posix()
    return {"type": "file", "bom-ref": f"file:{rel}", "name": rel, "hashes": _hashes(path),
            "properties": [{"name": "assistant:owner", "value": owner}]}


def _binaries(bundle: Path) -> list[Path]:
    internal = bundle / "_internal"
    return sorted(p for p in internal.rglob("*") if p.is_file() and not p.is_symlink()
                  and (".so" in p.name or p.suffix in {".pyd", ".dll"}))


def complete_sbom(target: Path, bundle: Path, report: Path, dists: dict[str, md.Distribution],
                  hosts: dict[str, dict[str, object]], *, icu: str | None,
                  icu_licence: Callable[[str], str]) -> None:
    from assistant import APP_NAME, __version__

    bom = json.loads(target.read_text(encoding="utf-8"))
    internal = bundle / "_internal"

    # Who owns each shipped binary: Qt, ICU, a Python distribution (its RECORD), CPython, a Debian package.
    owner_of: dict[str, str] = {}
    by_name = {}
    for component in bom["components"]:
        by_name[re.sub(r"[-_.]+", "-", component["name"]).lower()] = component
    for key, dist in dists.items():
        component = by_name.get(key)
        if component is None:
            continue
        _spdx_licences(component, dist)
        for file in dist.files or []:
            owner_of[Path(str(file)).as_posix()] = component["bom-ref"]
    host_files = {}
    for line in (report / "binaries.txt").read_text().splitlines():
        dest, src = line.split("\t")
        host_files[Path(os.path.realpath(src)).name] = dest  # host_packages() names the real files
    for package, entry in hosts.items():
        for name in entry["files"]:  # type: ignore[attr-defined]
            owner_of[host_files.get(name, name)] = f"deb:{package}"

    from PySide6.QtCore import qVersion

    qt: Component = {
        "type": "framework", "bom-ref": "qt", "name": "Qt", "version": qVersion(),
        "supplier": {"name": "The Qt Company Ltd."}, "purl": f"pkg:generic/qt@{qVersion()}",
        "licenses": [{"license": {"id": "LGPL-3.0-only", "acknowledgement": "concluded"}}],
        "description": "bibliothèques Qt 6 livrées dans le wheel PySide6 (remplaçables : licences/qt/)",
        "components": []}
    extra = [qt]
    icu_component: Component | None = None
    if icu is not None:
        icu_component = {
            "type": "library", "bom-ref": "icu", "name": "ICU", "version": icu,
            "supplier": {"name": "Unicode, Inc."}, "purl": f"pkg:generic/icu@{icu}",
            "licenses": [{"expression": icu_licence(icu)}],
            "description": "International Components for Unicode, utilisé par Qt (licences/icu/)",
            "components": []}
        extra.append(icu_component)

    components = {c["bom-ref"]: c for c in bom["components"]}
    components.update({c["bom-ref"]: c for c in extra})
    for package in hosts:
        ref = f"deb:{package}"
        if ref in components:
            components[ref]["licenses"] = [{"expression": debian_licence(package)}]
    for path in _binaries(bundle):
        rel = path.relative_to(internal).as_posix()
        if rel.startswith("PySide6/Qt/lib/libicu"):
            owner = "icu" if icu_component is not None else "qt"
        elif rel.startswith(("PySide6/Qt/lib/", "PySide6/Qt/plugins/")):
            owner = "qt"
        elif rel.startswith(("python3.", "libpython3")):
            owner = "cpython"
        else:
            owner = owner_of.get(rel, "")
        if owner not in components:
            owner = "cpython" if "cpython-" in path.name else "root-component"
        file_component = _file_component(bundle, path, owner)
        if owner == "root-component":
            extra.append(file_component)
        else:
            components[owner].setdefault("components", []).append(file_component)
    fonts = next((c for c in bom["components"] if c["bom-ref"] == "dejavu-fonts"), None)
    if fonts is not None:
        fonts["components"] = [_file_component(bundle, path, "dejavu-fonts")
                               for path in sorted(internal.rglob("DejaVuSans*.ttf"))]
    bom["components"].extend(extra)
    for dep in bom["dependencies"]:
        if dep["ref"] == "root-component":
            dep["dependsOn"] = sorted(set(dep.get("dependsOn", [])) | {c["bom-ref"] for c in extra
                                                                       if c["type"] != "file"})
    bom["dependencies"].extend({"ref": c["bom-ref"]} for c in extra if c["type"] != "file")

    app = bom["metadata"]["component"]
    app["hashes"] = _hashes(bundle / APP_NAME)
    app["licenses"] = [{"license": {"id": "EUPL-1.2", "acknowledgement": "declared"}}]
    fingerprint = hashlib.sha256(json.dumps(bom["components"], sort_keys=True).encode()).hexdigest()
    bom["serialNumber"] = uuid.uuid5(uuid.NAMESPACE_URL, f"urn:{APP_NAME}:{__version__}:{fingerprint}").urn
    bom["version"] = 1
    target.write_text(json.dumps(bom, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
