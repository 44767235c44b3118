"""Dossier files (``assistant-dossier/1``): validate, read, write, round-trip."""

from assistant.exchange.dossier_file import (
    FORMAT,
    MAX_FILE_BYTES,
    DossierFileError,
    FileProblem,
    dossier_to_dict,
    dumps_dossier,
    parse_dossier,
    read_dossier_file,
    write_dossier_file,
)

__all__ = [
    "FORMAT",
    "MAX_FILE_BYTES",
    "DossierFileError",
    "FileProblem",
    "dossier_to_dict",
    "dumps_dossier",
    "parse_dossier",
    "read_dossier_file",
    "write_dossier_file",
]
