"""Write the French manual page of the command, generated from the command line's own parser.

    .venv/bin/python installer/make_manpage.py OUT.1 [DATE]

Every option and sub-command of ``assistant.cli.build_parser()`` is listed with its own help text, so the
page cannot drift from the program. DATE (AAAA-MM-JJ) defaults to the day of SOURCE_DATE_EPOCH, for
reproducible builds. installer/build.sh compresses the result into /usr/share/man/man1 of the .deb.
"""

from __future__ import annotations

import argparse
import os
import sys
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _roff(text: str) -> str:
    """Escape text for roff: backslashes, leading dots and apostrophes, hyphens of options."""
    text = text.replace("\\", "\\e").replace("-", "\\-")
    return "\\&" + text if text.startswith((".", "'")) else text


def _invocation(action: argparse.Action) -> str:
    if not action.option_strings:
        return f"\\fI{_roff(action.metavar or action.dest)}\\fR"  # type: ignore[str-bytes-safe]
    names = ", ".join(f"\\fB{_roff(name)}\\fR" for name in action.option_strings)
    if action.nargs == 0:
        return names
    if action.choices:
        return f"{names} {{{_roff('|'.join(str(c) for c in action.choices))}}}"
    return f"{names} \\fI{_roff(str(action.metavar or action.dest.upper()))}\\fR"


def _options(parser: argparse.ArgumentParser) -> list[str]:
    lines: list[str] = []
    for action in parser._actions:  # argparse has no public list of its actions
        if isinstance(action, argparse._SubParsersAction) or action.help == argparse.SUPPRESS:
            continue
        lines += [".TP", _invocation(action), _roff(action.help or "")]
    return lines


def _commands(parser: argparse.ArgumentParser, prefix: str) -> list[str]:
    from assistant import APP_NAME

    lines: list[str] = []
    for action in parser._actions:
        if not isinstance(action, argparse._SubParsersAction):
            continue
        helps = {choice.dest: choice.help or "" for choice in action._choices_actions}
        for name, sub in action.choices.items():
            # "usage : assistant rules check [-h] [DOSSIER]" -> "APP_NAME rules check [DOSSIER]"
            usage = " ".join(sub.format_usage().split(":", 1)[-1].replace("[-h]", "").split()[1:])
            lines += [".SS", _roff(f"{APP_NAME} {usage}"), _roff(helps.get(name, ""))]
            own = [a for a in sub._actions
                   if not isinstance(a, (argparse._HelpAction, argparse._SubParsersAction))]
            if own:
                lines += [".RS"]
                for item in own:
                    lines += [".TP", _invocation(item), _roff(item.help or "")]
                lines += [".RE"]
            lines += _commands(sub, f"{prefix} {name}")
    return lines


def manpage(day: str) -> str:
    sys.path.insert(0, str(ROOT))
    from assistant import APP_DISPLAY_NAME, APP_NAME, __version__
    from assistant.cli import build_parser

    parser = build_parser()
    parser.prog = APP_NAME
    lines = [
        f'.TH "{APP_NAME.upper()}" "1" "{day}" "{APP_NAME} {__version__}" "Commandes utilisateur"',
        ".SH NOM",
        f"{_roff(APP_NAME)} \\- {_roff(APP_DISPLAY_NAME)}, aide aux décisions d'achat numérique de l'État, hors ligne",
        ".SH SYNOPSIS",
        f"\\fB{_roff(APP_NAME)}\\fR [\\fIOPTIONS\\fR]",
        ".br",
        f"\\fB{_roff(APP_NAME)}\\fR [\\fIOPTIONS\\fR] \\fICOMMANDE\\fR [\\fIARGUMENTS\\fR]",
        ".SH DESCRIPTION",
        f"Sans commande, {_roff(APP_NAME)} ouvre la fenêtre de l'application. Avec une commande, il travaille "
        "en ligne de commande et écrit son résultat sur la sortie standard.",
        ".PP",
        _roff(parser.description or ""),
        ".SH OPTIONS",
        *_options(parser),
        ".SH COMMANDES",
        *_commands(parser, APP_NAME),
        ".SH CODE DE SORTIE",
        "0 : réussite ; 1 : le travail a échoué ; 2 : données ou usage incorrects. "
        "Une erreur est dite en une phrase sur la sortie d'erreur.",
        ".SH FICHIERS",
        ".TP",
        f"\\fI/opt/{_roff(APP_NAME)}/site.toml\\fR",
        "configuration du site livrée avec le paquet",
        ".TP",
        f"\\fI/etc/xdg/{_roff(APP_NAME)}/site.toml\\fR",
        "configuration du site par l'administrateur du poste (et chaque dossier de \\fBXDG_CONFIG_DIRS\\fR ; "
        "le premier l'emporte)",
        ".TP",
        f"\\fI~/.local/share/{_roff(APP_NAME)}/\\fR",
        "dossier de données de l'utilisateur (base, sauvegardes, données de formation)",
        ".TP",
        f"\\fI/opt/{_roff(APP_NAME)}/licences/\\fR",
        "licences de chaque composant livré",
        ".SH ENVIRONNEMENT",
        ".TP",
        "\\fBXDG_CONFIG_DIRS\\fR, \\fBXDG_DATA_HOME\\fR",
        "dossiers de configuration du système et de données de l'utilisateur",
        ".TP",
        "\\fBQT_QPA_PLATFORM\\fR",
        "\\fIoffscreen\\fR pour travailler sans écran",
        ".SH VOIR AUSSI",
        f"\\fI/opt/{_roff(APP_NAME)}/licences/LISEZMOI.txt\\fR",
        "",
    ]
    return "\n".join(lines)


def main() -> int:
    out = Path(sys.argv[1])
    epoch = int(os.environ.get("SOURCE_DATE_EPOCH", "0") or 0)
    day = sys.argv[2] if len(sys.argv) > 2 else datetime.fromtimestamp(epoch, UTC).date().isoformat()
    out.write_text(manpage(day), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
