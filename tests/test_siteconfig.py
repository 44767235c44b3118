"""site.toml: reading, checking, overriding, describing; bad content never raises."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.siteconfig import DEFAULT_ORIGIN, SiteConfig, default_locations, describe, load_site_config

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 16
KEY = ("-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEAT8bR90LqVGH8Z6/1CqbfoxaeVKGYEaCko+7f3FWBm7A=\n"
       "-----END PUBLIC KEY-----\n")


def write(folder: Path, text: str, name: str = "site.toml") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def rulebook_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "referentiel"
    folder.mkdir()
    (folder / "rulebook.yaml").write_text("id: test\n", encoding="utf-8")
    return folder


def test_no_file_gives_the_defaults(tmp_path: Path) -> None:
    config = load_site_config([tmp_path / "absent.toml", tmp_path / "dossier-absent"])
    assert config == SiteConfig(locations=config.locations)
    assert config.training is True
    assert config.organisation is config.logo is config.data_dir is config.rulebook is None
    assert set(config.origins.values()) == {DEFAULT_ORIGIN}
    assert config.problems == []


def test_valid_file(tmp_path: Path, rulebook_dir: Path) -> None:
    (tmp_path / "etc" / "logo.png").parent.mkdir()
    (tmp_path / "etc" / "logo.png").write_bytes(PNG)
    site = write(tmp_path / "etc", f"""
organisation = "Préfecture de la Creuse"
logo = "logo.png"
data_dir = "~/Achats"
training = false
rulebook = "{rulebook_dir.as_posix()}"
trusted_keys = ["cle.pub"]
database_url = "postgresql+psycopg://srv-achats/achats"
""")
    (tmp_path / "etc" / "cle.pub").write_text(KEY, encoding="ascii")
    config = load_site_config([site])
    assert config.problems == []
    assert config.organisation == "Préfecture de la Creuse"
    assert config.logo == tmp_path / "etc" / "logo.png"  # relative to the file's folder
    assert config.data_dir == Path.home() / "Achats"
    assert config.training is False
    assert config.rulebook == rulebook_dir
    assert config.trusted_keys == (tmp_path / "etc" / "cle.pub",)
    assert config.database_url == "postgresql+psycopg://srv-achats/achats"
    assert config.origins == dict.fromkeys(config.origins, str(site))


@pytest.mark.parametrize(("value", "words"), [
    ('"cle.pub"', "liste de chemins"), ('["absente.pub"]', "n'existe pas"), ('["pas-une-cle.txt"]', "clé publique"),
])
def test_bad_trusted_keys_are_one_problem_each(tmp_path: Path, value: str, words: str) -> None:
    write(tmp_path, "bonjour", "pas-une-cle.txt")
    config = load_site_config([write(tmp_path, f"trusted_keys = {value}")])
    assert config.trusted_keys == ()
    [problem] = config.problems
    assert "trusted_keys" in problem and words in problem
    assert "trusted_keys = (aucune" in describe(config)


def test_a_folder_stands_for_its_site_toml(tmp_path: Path) -> None:
    write(tmp_path / "opt", 'organisation = "DINUM"')
    assert load_site_config([tmp_path / "opt"]).organisation == "DINUM"


def test_broken_toml_is_one_problem_and_the_defaults_stay(tmp_path: Path) -> None:
    site = write(tmp_path, 'organisation = "DINUM\ntraining = false\n')
    config = load_site_config([site])
    assert config.organisation is None and config.training is True
    assert len(config.problems) == 1
    assert str(site) in config.problems[0] and "TOML" in config.problems[0]


def test_not_utf8_is_a_problem(tmp_path: Path) -> None:
    site = tmp_path / "site.toml"
    site.write_bytes('organisation = "Préfecture"\n'.encode("latin-1"))
    config = load_site_config([site])
    assert config.organisation is None
    assert len(config.problems) == 1 and str(site) in config.problems[0]


def test_unknown_key(tmp_path: Path) -> None:
    site = write(tmp_path, 'organisation = "DINUM"\norganization = "typo"\n')
    config = load_site_config([site])
    assert config.organisation == "DINUM"
    assert len(config.problems) == 1
    assert "« organization »" in config.problems[0] and "inconnu" in config.problems[0]
    assert str(site) in config.problems[0]


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ('training = "non"', "training"),
        ("training = 0", "training"),
        ("organisation = 12", "organisation"),
        ("data_dir = true", "data_dir"),
        ("logo = ['a.png']", "logo"),
        ("[rulebook]\npath = 'x'", "rulebook"),
    ],
)
def test_wrong_type_keeps_the_default(tmp_path: Path, text: str, key: str) -> None:
    site = write(tmp_path, text)
    config = load_site_config([site])
    assert config == SiteConfig(problems=config.problems, locations=config.locations)
    assert len(config.problems) == 1
    assert f"« {key} »" in config.problems[0] and str(site) in config.problems[0]


def test_missing_logo(tmp_path: Path) -> None:
    site = write(tmp_path, 'logo = "absent.png"\norganisation = "DINUM"')
    config = load_site_config([site])
    assert config.logo is None and config.origins["logo"] == DEFAULT_ORIGIN
    assert config.organisation == "DINUM"
    assert len(config.problems) == 1
    assert "« logo »" in config.problems[0] and "n'existe pas" in config.problems[0]
    assert str(tmp_path / "absent.png") in config.problems[0]


def test_logo_that_is_not_a_png(tmp_path: Path) -> None:
    (tmp_path / "logo.png").write_bytes(b"GIF89a")
    config = load_site_config([write(tmp_path, 'logo = "logo.png"')])
    assert config.logo is None
    assert "PNG" in config.problems[0]


def test_missing_rulebook_and_rulebook_without_index(tmp_path: Path) -> None:
    (tmp_path / "vide").mkdir()
    absent = load_site_config([write(tmp_path / "a", 'rulebook = "/nulle/part"')])
    empty = load_site_config([write(tmp_path / "b", f'rulebook = "{(tmp_path / "vide").as_posix()}"')])
    assert absent.rulebook is None and empty.rulebook is None
    assert "« rulebook »" in absent.problems[0] and "n'existe pas" in absent.problems[0]
    assert "rulebook.yaml" in empty.problems[0]


def test_later_file_overrides_earlier_one(tmp_path: Path) -> None:
    first = write(tmp_path / "opt", 'organisation = "Ministère"\ntraining = false\ndata_dir = "/srv/achats"\n')
    second = write(tmp_path / "etc", 'organisation = "Préfecture"\ndata_dir = 3\n')
    config = load_site_config([first, second])
    assert config.organisation == "Préfecture" and config.origins["organisation"] == str(second)
    assert config.training is False and config.origins["training"] == str(first)
    # a bad value in the later file keeps the earlier file's value
    assert config.data_dir == Path("/srv/achats") and config.origins["data_dir"] == str(first)
    assert len(config.problems) == 1 and str(second) in config.problems[0]
    assert config.locations == (first, second)


def test_environment_variables_are_expanded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ACHATS_RACINE", str(tmp_path / "racine"))
    config = load_site_config([write(tmp_path, 'data_dir = "$ACHATS_RACINE/dossiers"')])
    assert config.data_dir == tmp_path / "racine" / "dossiers"


def test_describe_lists_values_origins_and_problems(tmp_path: Path) -> None:
    first = write(tmp_path / "opt", 'organisation = "Préfecture de la Creuse"\nlogo = "absent.png"\n')
    absent = tmp_path / "etc" / "site.toml"
    config = load_site_config([first, absent])
    text = describe(config)
    assert f"1. {first} (présent)" in text
    assert f"2. {absent} (absent)" in text
    assert "organisation = « Préfecture de la Creuse »" in text
    assert f"origine : {first}" in text
    assert "training = oui" in text and f"origine : {DEFAULT_ORIGIN}" in text
    assert "rulebook = (référentiel livré :" in text
    assert "Problèmes (1) :" in text and "« logo »" in text
    assert "Aucun problème." in describe(load_site_config([absent]))


def test_default_locations_end_with_the_system_folder() -> None:
    import platformdirs

    locations = default_locations()
    assert locations[-1] == platformdirs.site_config_path("assistant-achat-numerique", appauthor=False) / "site.toml"
    assert all(p.name == "site.toml" for p in locations)
    # in a source checkout the first one is the repository root's site.toml
    assert locations[0] == Path(__file__).resolve().parent.parent / "site.toml"


def test_frozen_installation_folder_is_the_executables(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    from assistant import siteconfig

    folder = tmp_path / "opt" / "assistant-achat-numerique"
    folder.mkdir(parents=True)
    (folder / "assistant-achat-numerique").write_text("")
    link = tmp_path / "usr-bin-assistant"
    link.symlink_to(folder / "assistant-achat-numerique")  # /usr/bin/… -> /opt/…: the link is followed
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(link))
    assert siteconfig.installation_dir() == folder.resolve()
    assert siteconfig.default_locations()[0] == folder.resolve() / "site.toml"


@pytest.mark.parametrize("text", ["a = " + "[" * 3000 + "]" * 3000, "a = " + "{b = " * 3000 + "}" * 3000])
def test_a_site_toml_nested_thousands_deep_is_ignored_in_one_sentence(tmp_path: Path, text: str) -> None:
    config = load_site_config([write(tmp_path, text + "\n")])
    assert config == SiteConfig(problems=config.problems, locations=config.locations)
    assert config.problems == [f"Le fichier {tmp_path / 'site.toml'} est imbriqué trop profondément\u00a0; "
                               "il est ignoré."]


def test_a_site_toml_that_is_a_fifo_or_a_device_is_ignored(tmp_path: Path) -> None:
    import os

    os.mkfifo(tmp_path / "site.toml")
    (tmp_path / "autre").mkdir()
    (tmp_path / "autre" / "site.toml").symlink_to("/dev/zero")
    config = load_site_config([tmp_path / "site.toml", tmp_path / "autre" / "site.toml"])
    assert len(config.problems) == 2
    assert "tube nommé" in config.problems[0] and "périphérique" in config.problems[1]


def test_a_rulebook_setting_pointing_at_a_device_keeps_the_bundled_rulebook(tmp_path: Path) -> None:
    config = load_site_config([write(tmp_path, 'rulebook = "/dev/zero"\n')])
    assert config.rulebook is None
    assert "n'est pas un dossier" in config.problems[0]


def test_undefined_variable_is_a_problem_not_a_literal_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NOSUCHVAR", raising=False)
    monkeypatch.setenv("ACHATS_RACINE", str(tmp_path / "racine"))
    file = tmp_path / "site.toml"
    file.write_text('data_dir = "$NOSUCHVAR/donnees"\n', encoding="utf-8")
    config = load_site_config([file])
    assert config.data_dir is None
    assert config.origins["data_dir"] == DEFAULT_ORIGIN
    assert config.problems == [f"Dans {file}, le réglage \u00ab\u00a0data_dir\u00a0\u00bb utilise la variable "
                               "d'environnement $NOSUCHVAR, qui n'est pas définie\u202f; réglage ignoré."]
    file.write_text('data_dir = "${ACHATS_RACINE}/donnees"\n', encoding="utf-8")
    assert load_site_config([file]).data_dir == tmp_path / "racine" / "donnees"


def test_every_xdg_config_dir_is_read_the_first_one_wins(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from assistant import siteconfig

    ubuntu, admin, empty = tmp_path / "xdg-ubuntu", tmp_path / "xdg", tmp_path / "vide"
    for folder, text in ((ubuntu, 'organisation = "Session"\n'),
                         (admin, 'organisation = "Administrateur"\ntraining = false\n')):
        (folder / "assistant-achat-numerique").mkdir(parents=True)
        (folder / "assistant-achat-numerique" / "site.toml").write_text(text, encoding="utf-8")
    monkeypatch.setattr(siteconfig.sys, "platform", "linux")
    monkeypatch.setenv("XDG_CONFIG_DIRS", f"{ubuntu}:relatif/ignore:{empty}::{admin}:{ubuntu}")
    locations = siteconfig.default_locations()
    assert locations[1:] == [admin / "assistant-achat-numerique" / "site.toml",
                             empty / "assistant-achat-numerique" / "site.toml",
                             ubuntu / "assistant-achat-numerique" / "site.toml"]
    config = load_site_config(locations[1:])
    assert config.organisation == "Session"  # the first entry of XDG_CONFIG_DIRS is the most important
    assert config.training is False  # read from /etc/xdg, not hidden by the session's folder
    assert config.origins["training"] == str(admin / "assistant-achat-numerique" / "site.toml")
    monkeypatch.setenv("XDG_CONFIG_DIRS", "")
    assert siteconfig.default_locations()[1:] == [Path("/etc/xdg/assistant-achat-numerique/site.toml")]
