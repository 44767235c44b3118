"""What ``assistant rules show`` prints: the rulebook's sources, catalogue and parameters in force."""

from __future__ import annotations

from datetime import date
from typing import Any

from assistant.rulebook.french import format_date, format_eur, format_source_date
from assistant.rulebook.model import Rulebook


def describe_rulebook(rulebook: Rulebook, on: date) -> dict[str, Any]:
    """A JSON-able description of the rulebook with the parameters in force on ``on``."""
    parameters = []
    for param in rulebook.parameters.values():
        value = param.at(on)
        parameters.append(value.to_dict() if value else {"id": param.id, "label": param.label, "value": None})
    return {
        "id": rulebook.id,
        "version": rulebook.version,
        "published": rulebook.published,
        "title": rulebook.title,
        "digest": rulebook.digest,
        "on": on.isoformat(),
        "sources": [
            {
                "id": s.id,
                "title": s.title,
                "issuer": s.issuer,
                "date": s.date,
                "reference": s.reference,
                "status": s.status,
                "summary": s.summary,
            }
            for s in rulebook.sources.values()
        ],
        "catalogue": [
            {
                "id": s.id,
                "name": s.name,
                "circle": s.circle,
                "categories": list(s.categories),
                "operator": s.operator,
                "status": s.status,
                "sources": list(s.sources),
            }
            for s in rulebook.catalogue
        ],
        "parameters": parameters,
    }


def render_rulebook_text(rulebook: Rulebook, on: date) -> str:
    """The same description as French text."""
    lines = [
        f"{rulebook.title}",
        f"Référentiel {rulebook.id}, version {rulebook.version}, publié le {format_date(rulebook.published)}",
        f"Empreinte : {rulebook.digest}",
        "",
        f"Seuils et montants en vigueur le {format_date(on)} :",
    ]
    for param in rulebook.parameters.values():
        value = param.at(on)
        if value is None:
            lines.append(f"  – {param.label} : aucune valeur en vigueur")
            continue
        period = f"depuis le {format_date(value.valid_from)}"
        if value.valid_to:
            period += f" jusqu'au {format_date(value.valid_to)}"
        lines.append(
            f"  – {param.label} : {format_eur(value.value, value.unit)} ({period} ; "
            f"{', '.join(rulebook.source_title(s) for s in value.sources)})"
        )
    lines += ["", "Solutions mutualisées de l'État :"]
    for solution in rulebook.catalogue:
        circle = rulebook.label("circle", solution.circle or 0)
        lines.append(
            f"  – {solution.name} ({circle.lower()}) : {solution.description}"
        )
    lines += ["", "Sources :"]
    for source in rulebook.sources.values():
        status = rulebook.label("status", source.status)
        lines.append(
            f"  – {source.title} ({source.issuer}, {format_source_date(source.date)}) [{status}] : {source.summary}"
        )
        lines.append(f"    {source.reference}")
    return "\n".join(lines) + "\n"
