"""Training cases: fictitious dossiers with their teaching notes and the outcome the doctrine requires.

Each case is a dossier file (``assistant-dossier/1``) in ``resources/cases/`` with a top-level ``training``
key, kept by the format as an unknown key (``Dossier.extra``). This module lists and loads them, compares an
evaluation with a case's ``expected`` block (same semantics as the spec's examples: a key ending in
``_include`` must be contained, ``hosting`` is a set, ``candidates`` are keyed by offer name), and explains
where a trainee's answers and outcome differ from the correction. No Qt here.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from assistant.domain import Dossier, Evaluation
from assistant.engine import evaluate
from assistant.exchange import read_dossier_file
from assistant.paths import resources_dir
from assistant.rulebook import Rulebook
from assistant.rulebook.summary import OUTCOME_NAMES, summary_row

TRAINING_KEY = "training"
LEVELS: tuple[str, ...] = ("débutant", "intermédiaire", "avancé")
"""The levels, easiest first: cases are listed in this order, then by title."""
UNKNOWN_ANSWER = "Je ne sais pas"
_ABSENT = object()
OUTCOMES: tuple[str, ...] = ("path", "sensitivity", "hosting", "procedure", "dinum_opinion")
"""The outcome fields compared by ``outcome_differences``, each a kind of ``labels.yaml``."""

_OUTCOME_NAMES = {
    **OUTCOME_NAMES,
    "dinum_opinion_required": "Avis de la DINUM",
    "missing": "Réponses manquantes",
    "warning_ids": "Avertissements",
    "candidates": "Offres",
}


@dataclass(frozen=True)
class TrainingCase:
    """A training case's teaching notes; its dossier is loaded by ``load_case``."""

    name: str
    title: str
    level: str
    summary: str
    shows: tuple[str, ...]
    discussion: tuple[str, ...]
    expected: dict[str, Any]
    as_of: date | None
    path: Path


@dataclass(frozen=True)
class Difference:
    """One point where the trainee's dossier (or outcome) differs from the correction, explained."""

    fact: str
    label: str
    trainee_value: str
    correction_value: str
    explanation: str
    sources: tuple[str, ...] = ()


def cases_dir() -> Path:
    """The bundled folder of training cases."""
    return resources_dir() / "cases"


def _strings(value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    if isinstance(value, Iterable):
        return tuple(str(v) for v in value)
    return ()


def _case_of(dossier: Dossier, path: Path) -> TrainingCase:
    training = dossier.extra.get(TRAINING_KEY)
    if not isinstance(training, Mapping):
        raise ValueError(f"le fichier {path.name} n'est pas un cas de formation (clé « {TRAINING_KEY} » absente)")
    as_of_text = training.get("as_of")
    return TrainingCase(
        name=str(training.get("name") or path.stem),
        title=dossier.title,
        level=str(training.get("level", "")),
        summary=str(training.get("summary", "")),
        shows=_strings(training.get("shows", ())),
        discussion=_strings(training.get("discussion", ())),
        expected=dict(training.get("expected") or {}),
        as_of=date.fromisoformat(as_of_text) if isinstance(as_of_text, str) and as_of_text else None,
        path=path,
    )


def _level_rank(level: str) -> int:
    return LEVELS.index(level) if level in LEVELS else len(LEVELS)


def _read_all(folder: Path | None) -> list[tuple[TrainingCase, Dossier]]:
    folder = cases_dir() if folder is None else folder
    found = []
    for file in sorted(folder.glob("*.json")):
        dossier = read_dossier_file(file)
        if isinstance(dossier.extra.get(TRAINING_KEY), Mapping):
            found.append((_case_of(dossier, file), dossier))
    found.sort(key=lambda pair: (_level_rank(pair[0].level), pair[0].title.casefold(), pair[0].name))
    return found


def list_cases(folder: Path | None = None) -> list[TrainingCase]:
    """The training cases of ``folder`` (default: the bundled ones), sorted by level then title."""
    return [case for case, _ in _read_all(folder)]


def load_case(name: str, folder: Path | None = None) -> tuple[TrainingCase, Dossier]:
    """The case named ``name`` and its dossier; ``KeyError`` (French message) when there is none."""
    cases = _read_all(folder)
    for case, dossier in cases:
        if case.name == name:
            return case, dossier
    available = ", ".join(sorted(case.name for case, _ in cases)) or "aucun"
    raise KeyError(f"Aucun cas nommé « {name} » ; cas disponibles : {available}")


def case_dossier_for_training(dossier: Dossier) -> Dossier:
    """A fresh copy of a case's dossier for a trainee: same title and answers, without the teaching notes."""
    fresh = copy.deepcopy(dossier)
    fresh.extra.pop(TRAINING_KEY, None)
    return fresh


# --- comparing an evaluation with a case's expected block -------------------------------------------------


def _actual(evaluation: Evaluation) -> dict[str, Any]:
    actual = evaluation.to_dict()
    actual["solutions"] = [s["id"] for s in actual["solutions"]]
    actual["warning_ids"] = [w.id for w in evaluation.warnings]
    return actual


def _shown(value: Any) -> str:
    if isinstance(value, bool):
        return "oui" if value else "non"
    if isinstance(value, list | tuple | set):
        return "[" + ", ".join(str(v) for v in sorted(value, key=str)) + "]" if value else "[]"
    return "(absent)" if value is None else str(value)


def _name(key: str) -> str:
    return _OUTCOME_NAMES.get(key, key)


def _compare_candidate(name: str, got: Mapping[str, Any] | None, want: Mapping[str, Any]) -> list[str]:
    if got is None:
        return [f"Offre « {name} » : absente de l'évaluation."]
    lines = []
    for key, value in want.items():
        if key.endswith("_include"):
            base = key.removesuffix("_include")
            lacking = [v for v in value if v not in (got.get(base) or [])]
            if lacking:
                lines.append(
                    f"Offre « {name} » : « {base} » devrait contenir {_shown(lacking)}, "
                    f"l'évaluation donne {_shown(got.get(base))}."
                )
        elif got.get(key) != value:
            lines.append(
                f"Offre « {name} » : « {key} » attendu {_shown(value)}, l'évaluation donne {_shown(got.get(key))}."
            )
    return lines


def compare_with_expected(evaluation: Evaluation, expected: Mapping[str, Any]) -> list[str]:
    """French lines, one per difference between an evaluation and an expected block; empty when it matches.

    A key ending in ``_include`` lists values the result must contain; ``hosting`` is compared as a set;
    ``candidates`` maps an offer's name to its expected fields; ``solutions`` are compared by id and
    ``warning_ids`` by warning id.
    """
    actual = _actual(evaluation)
    lines: list[str] = []
    for key, want in expected.items():
        if key.endswith("_include"):
            base = key.removesuffix("_include")
            got = actual.get(base) or []
            lacking = [w for w in want if w not in got]
            if lacking:
                lines.append(f"{_name(base)} : il manque {_shown(lacking)} ; l'évaluation donne {_shown(got)}.")
        elif key == "hosting":
            got_set, want_set = set(actual.get("hosting") or []), set(want)
            if got_set != want_set:
                extra, lacking = sorted(got_set - want_set), sorted(want_set - got_set)
                detail = "; ".join(
                    part for part in (
                        f"en trop {_shown(extra)}" if extra else "",
                        f"il manque {_shown(lacking)}" if lacking else "",
                    ) if part
                )
                lines.append(f"{_name('hosting')} : attendu {_shown(want_set)}, l'évaluation donne "
                             f"{_shown(got_set)} ({detail}).")
        elif key == "candidates":
            by_name = {c["name"]: c for c in actual.get("candidates") or []}
            for name, sub in want.items():
                lines += _compare_candidate(name, by_name.get(name), sub)
        elif actual.get(key) != want:
            lines.append(f"{_name(key)} : attendu {_shown(want)}, l'évaluation donne {_shown(actual.get(key))}.")
    return lines


# --- explaining a trainee's answers against the correction --------------------------------------------------


def _explained_by(evaluation: Evaluation, fact: str) -> tuple[str, tuple[str, ...]]:
    explanations: list[str] = []
    sources: list[str] = []
    for entry in evaluation.trace:
        if entry.mentions(fact):
            if entry.explanation and entry.explanation not in explanations:
                explanations.append(entry.explanation)
            sources += [s for s in entry.sources if s not in sources]
    return " ".join(explanations), tuple(sources)


def _value(rulebook: Rulebook, fact: str, facts: Mapping[str, Any]) -> str:
    if fact not in facts:
        return UNKNOWN_ANSWER
    return rulebook.value_label(fact, facts[fact])


def _fact_order(rulebook: Rulebook) -> dict[str, int]:
    return {q.id: i for i, q in enumerate(rulebook.questions)}


def exercise_differences(
    rulebook: Rulebook, trainee: Dossier, correction: Dossier, as_of: date | None = None
) -> list[Difference]:
    """The facts the trainee answered differently from the correction, in the questionnaire's order.

    Each difference carries the question's label, both answers in French (« Je ne sais pas » when absent)
    and the explanation and sources of the correction's rules that rely on that fact (when no rule of the
    correction relies on it, the question's help and sources).
    """
    day = as_of or date.today()
    evaluation = evaluate(rulebook, correction, day)
    order = _fact_order(rulebook)
    facts = set(trainee.facts) | set(correction.facts)
    changed = [f for f in facts if trainee.facts.get(f, _ABSENT) != correction.facts.get(f, _ABSENT)]
    changed.sort(key=lambda f: (order.get(f, len(order)), f))
    differences = []
    for fact in changed:
        explanation, sources = _explained_by(evaluation, fact)
        question = rulebook.question(fact)
        if not explanation and question is not None:
            explanation, sources = question.help, tuple(question.sources)
        differences.append(
            Difference(
                fact=fact,
                label=rulebook.fact_label(fact),
                trainee_value=_value(rulebook, fact, trainee.facts),
                correction_value=_value(rulebook, fact, correction.facts),
                explanation=explanation,
                sources=sources,
            )
        )
    return differences


def _outcome_trace(evaluation: Evaluation, kind: str) -> tuple[str, tuple[str, ...]]:
    explanations: list[str] = []
    sources: list[str] = []
    for entry in evaluation.entries(kind):
        if entry.explanation and entry.explanation not in explanations:
            explanations.append(entry.explanation)
        sources += [s for s in entry.sources if s not in sources]
    return " ".join(explanations), tuple(sources)


def outcome_differences(
    rulebook: Rulebook, trainee_eval: Evaluation, correction_eval: Evaluation
) -> list[Difference]:
    """The outcomes (path, sensitivity, hosting, procedure, DINUM opinion) where the two evaluations differ.

    ``fact`` is the outcome's name, the values are the French labels of ``labels.yaml`` and the explanation
    comes from the correction's trace for that outcome.
    """
    differences = []
    for kind in OUTCOMES:
        trainee = summary_row(rulebook, trainee_eval, kind)
        correction = summary_row(rulebook, correction_eval, kind)
        if trainee.raw == correction.raw:
            continue
        explanation, sources = _outcome_trace(correction_eval, kind)
        differences.append(
            Difference(
                fact=kind,
                label=correction.name,
                trainee_value=trainee.text,
                correction_value=correction.text,
                explanation=explanation,
                sources=sources,
            )
        )
    return differences
