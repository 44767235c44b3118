"""The decision note's editable twin in OpenDocument text (``.odt``), made with odfdo."""

from assistant.reports.odt.note import build_clauses_odt, build_odt

__all__ = ["build_clauses_odt", "build_odt"]
