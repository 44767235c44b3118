"""Parsers from the YAML files' content to the typed model; every problem goes to the reader."""

from __future__ import annotations

import re
from typing import Any

from assistant.rulebook.checks import Checker
from assistant.rulebook.model import (
    Clause,
    Criterion,
    Default,
    OfferWarning,
    Option,
    OutcomeCheck,
    Parameter,
    Period,
    Question,
    Requirement,
    Rule,
    Solution,
    Source,
    Stage,
    StageRun,
    Step,
    WarningRule,
)
from assistant.rulebook.reader import Reader

QUESTION_TYPES = ("choice", "multi_choice", "bool", "integer", "number", "date", "text")
STATUSES = ("confirmed", "to_verify")


def parse_sources(data: Any, r: Reader) -> dict[str, Source]:
    sources: dict[str, Source] = {}
    seen: set[str] = set()
    for i, node in enumerate(r.items(r.mapping(data, "sources"), "sources")):
        ident = r.ident(node, seen, f"sources[{i}]")
        item = r.mapping(node, ident)
        status = item.get("status")
        if status not in STATUSES:
            r.problem(item, ident, f"statut « {status} » invalide : confirmed ou to_verify attendu")
        when = item.get("date")
        if when is not None and not (isinstance(when, str) and re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", when)):
            r.problem(item, ident, f"date « {when} » invalide : AAAA-MM-JJ, AAAA-MM, AAAA ou vide attendu")
        elif when is not None and len(when) == 10:
            r.day(item, "date", ident)
        keys = ("title", "issuer", "date", "reference", "summary")
        fields = {k: r.text(item, k, ident, k != "date") for k in keys}
        sources[ident] = Source(id=ident, status=str(status), **fields)
    return sources


def parse_parameters(data: Any, r: Reader, checker: Checker) -> dict[str, Parameter]:
    params: dict[str, Parameter] = {}
    seen: set[str] = set()
    for i, node in enumerate(r.items(r.mapping(data, "parameters"), "parameters")):
        ident = r.ident(node, seen, f"parameters[{i}]")
        item = r.mapping(node, ident)
        periods: list[Period] = []
        for period in r.items(item, "periods"):
            raw = r.mapping(period, ident)
            start, end = r.day(raw, "from", ident), r.day(raw, "to", ident, required=False)
            value = raw.get("value")
            if isinstance(value, bool) or not isinstance(value, int | float):
                r.problem(raw, ident, f"valeur numérique attendue, « {value} » reçu")
                continue
            sources = r.strings(raw, "sources", ident)
            checker.refs(r, raw, ident, sources, None)
            if start is not None and end is not None and end < start:
                r.problem(raw, ident, "période invalide : « to » précède « from »")
            if start is None or (end is not None and end < start):
                continue
            for other in periods:
                if _overlap(start, end, other.start, other.end):
                    r.problem(raw, ident, f"périodes qui se chevauchent (à partir du {start.isoformat()})")
                    break
            periods.append(Period(start, end, value, sources))
        unit = item.get("unit", "")
        basis = item.get("basis", "consultation")
        if basis not in ("consultation", "as_of"):
            r.problem(item, ident, f"base « {basis} » invalide : consultation ou as_of attendu")
        label = r.text(item, "label", ident)
        params[ident] = Parameter(
            ident, label, str(unit), str(basis), tuple(sorted(periods, key=lambda p: p.start))
        )
    checker.parameters = set(params)
    return params


def _overlap(a_start: Any, a_end: Any, b_start: Any, b_end: Any) -> bool:
    return bool((b_end is None or a_start <= b_end) and (a_end is None or b_start <= a_end))


def _question(item: dict[str, Any], ident: str, r: Reader, checker: Checker, offer: bool) -> Question:
    qtype = item.get("type")
    if qtype not in QUESTION_TYPES:
        r.problem(item, ident, f"type « {qtype} » invalide")
    step = item.get("step")
    if step not in checker.steps:
        r.problem(item, ident, f"étape « {step} » invalide")
    options: list[Option] = []
    for raw in item.get("options", []) or []:
        if not isinstance(raw, dict) or not isinstance(raw.get("value"), str) or not raw.get("label"):
            r.problem(
                raw if isinstance(raw, dict) else item, ident, "option mal formée (value et label attendus)"
            )
            continue
        options.append(Option(raw["value"], str(raw["label"])))
    if (qtype in ("choice", "multi_choice")) != bool(options):
        r.problem(item, ident, "les options vont avec les types choice et multi_choice, et eux seuls")
    sources = r.strings(item, "sources", ident)
    page = r.text(item, "page", ident)
    checker.refs(r, item, ident, sources, page)
    scope = "offer" if offer else "dossier"
    when = r.condition(item, "when", ident, required=False)
    checker.condition(r, item, ident, when, scope)
    justification, message = None, ""
    if "justification" in item:
        block = r.mapping(item["justification"], ident)
        justification = r.condition(block, "when", ident)
        checker.condition(r, item, ident, justification, scope)
        message = r.text(block, "message", ident)
    default = None
    if isinstance(item.get("default"), dict):
        raw = item["default"]
        default = Default(
            explanation=r.text(raw, "explanation", ident),
            from_fact=str(raw.get("from_fact", "")),
            mapping=dict(raw.get("map", {}) or {}),
            otherwise=raw.get("otherwise"),
            as_of=bool(raw.get("as_of")),
            if_unknown=raw.get("if_unknown"),
        )
    unit = str(item.get("unit", ""))
    if unit and unit not in ("eur_ht", "eur_ttc"):
        r.problem(item, ident, f"unité « {unit} » invalide")
    minimum = item.get("minimum")
    return Question(
        id=ident,
        step=str(step),
        label=r.text(item, "label", ident),
        help=r.text(item, "help", ident),
        type=str(qtype),
        sources=sources,
        page=page,
        options=tuple(options),
        when=when,
        otherwise=item.get("otherwise"),
        justification=justification,
        justification_message=message,
        unit=unit,
        minimum=float(minimum) if isinstance(minimum, int | float) else None,
        default=default,
    )


def parse_questions(
    data: Any, r: Reader, checker: Checker
) -> tuple[tuple[Question, ...], tuple[Question, ...]]:
    root = r.mapping(data, "questions")
    result: list[tuple[Question, ...]] = []
    for key, offer in (("questions", False), ("candidate_questions", True)):
        seen: set[str] = set()
        parsed = []
        for i, node in enumerate(r.items(root, key)):
            ident = r.ident(node, seen, f"{key}[{i}]")
            parsed.append(_question(r.mapping(node, ident), ident, r, checker, offer))
        result.append(tuple(parsed))
    return result[0], result[1]


def parse_catalogue(data: Any, r: Reader, checker: Checker) -> tuple[Solution, ...]:
    solutions = []
    seen: set[str] = set()
    categories = (
        {o.value for o in checker.questions["need.category"].options}
        if "need.category" in checker.questions
        else set()
    )
    for i, node in enumerate(r.items(r.mapping(data, "catalogue"), "solutions")):
        ident = r.ident(node, seen, f"solutions[{i}]")
        item = r.mapping(node, ident)
        circle = item.get("circle")
        if circle not in (1, 2, 3, None) or "circle" not in item:
            r.problem(item, ident, f"cercle « {circle} » invalide : 1, 2, 3 ou null attendu")
        kind_question = checker.questions.get("buyer.kind")
        kinds = {o.value for o in kind_question.options} if kind_question else set()
        users = r.strings(item, "users", ident) if "users" in item else None
        for kind in users or ():
            if kind not in kinds:
                r.problem(item, ident, f"type d'acheteur inconnu « {kind} » dans users")
        cats = r.strings(item, "categories", ident)
        by_cat = dict(item.get("circle_by_category", {}) or {})
        for cat in (*cats, *by_cat):
            if cat not in categories:
                r.problem(item, ident, f"catégorie de besoin inconnue « {cat} »")
        if item.get("status") not in STATUSES:
            r.problem(item, ident, f"statut « {item.get('status')} » invalide")
        sources = r.strings(item, "sources", ident)
        checker.refs(r, item, ident, sources, None)
        solutions.append(
            Solution(
                id=ident,
                name=r.text(item, "name", ident),
                circle=int(circle) if isinstance(circle, int) else None,
                categories=cats,
                operator=r.text(item, "operator", ident),
                status=str(item.get("status")),
                description=r.text(item, "description", ident),
                sources=sources,
                conditions=r.text(item, "conditions", ident, required=False),
                note=r.text(item, "note", ident, False),
                circle_by_category={str(k): int(v) for k, v in by_cat.items()},
                users=users,
                users_note=r.text(item, "users_note", ident, False),
                sensitive_data=item.get("sensitive_data", True) is not False,
            )
        )
    return tuple(solutions)


def parse_criteria(
    data: Any, r: Reader, checker: Checker
) -> tuple[tuple[Criterion, ...], str, tuple[str, ...], float]:
    root = r.mapping(data, "criteria")
    weighting = r.mapping(root.get("weighting", {}), "weighting")
    sources = r.strings(weighting, "sources", "weighting")
    checker.refs(r, weighting, "weighting", sources, None)
    seen: set[str] = set()
    criteria = []
    for i, node in enumerate(r.items(root, "criteria")):
        ident = r.ident(node, seen, f"criteria[{i}]")
        item = r.mapping(node, ident)
        criteria.append(Criterion(ident, r.text(item, "label", ident), r.text(item, "help", ident)))
    weight = weighting.get("default_weight")
    if isinstance(weight, bool) or not isinstance(weight, int | float) or weight < 0:
        r.problem(weighting, "weighting", f"poids par défaut « {weight} » invalide : un nombre positif est attendu")
        weight = 1
    return tuple(criteria), r.text(weighting, "note", "weighting"), sources, float(weight)


def _rule(
    item: dict[str, Any], ident: str, r: Reader, checker: Checker, stage: str, *, key: str = "when"
) -> Rule:
    when = r.condition(item, key, ident)
    checker.condition(r, item, ident, when, "dossier")
    sources = r.strings(item, "sources", ident)
    page = r.text(item, "page", ident)
    checker.refs(r, item, ident, sources, page)
    explanation = r.text(item, "explanation", ident)
    checker.template(r, item, ident, explanation)
    return Rule(ident, when or _never(), item.get("outcome"), explanation, sources, page, stage)


def _never() -> Any:
    from assistant.rulebook.conditions import Condition

    return Condition("const", value=False)


def parse_stage(data: dict[str, Any], r: Reader, checker: Checker) -> Stage:
    stage_id = str(data.get("stage"))
    mode = data.get("mode")
    if mode not in ("first", "highest", "each"):
        r.problem(data, stage_id, f"mode « {mode} » invalide : first, highest ou each attendu")
    levels = tuple(r.strings(data, "levels", stage_id)) if mode == "highest" else ()
    seen: set[str] = set()
    rules = []
    for i, node in enumerate(r.items(data, "rules")):
        ident = r.ident(node, seen, f"rules[{i}]")
        item = r.mapping(node, ident)
        rule = _rule(item, ident, r, checker, stage_id)
        allowed = levels or tuple(checker.labels.get(stage_id, {}))
        outcomes = rule.outcome if isinstance(rule.outcome, list) else [rule.outcome]
        for outcome in outcomes:
            if allowed and outcome not in allowed:
                r.problem(item, ident, f"résultat inconnu « {outcome} »")
        rules.append(rule)
    default_rule = None
    if "default_explanation" in data:
        fake = {
            "when": {"const": True},
            "outcome": data.get("default"),
            "explanation": data["default_explanation"],
            "sources": data.get("default_sources", []),
            "page": data.get("default_page"),
        }
        default_rule = _rule(fake, f"{stage_id}.default", r, checker, stage_id)
    relevant = r.condition(data, "relevant", stage_id, required=False)
    checker.condition(r, data, stage_id, relevant, "dossier")
    checks = _checks(data, r, checker, stage_id)
    return Stage(stage_id, str(mode), tuple(rules), data.get("default"), levels, default_rule, relevant, checks)


def _checks(data: dict[str, Any], r: Reader, checker: Checker, stage_id: str) -> tuple[OutcomeCheck, ...]:
    """A stage's ``checks``: for each outcome, the conditions under which the dossier meets it or not."""
    checks = []
    allowed = tuple(checker.labels.get(stage_id, {}))
    for outcome, node in r.mapping(data.get("checks", {}), "checks").items():
        item = r.mapping(node, str(outcome))
        if outcome not in allowed:
            r.problem(item, str(outcome), f"résultat inconnu « {outcome} » dans checks")
        conds = {}
        for key in ("met", "not_met"):
            conds[key] = r.condition(item, key, str(outcome), required=False)
            checker.condition(r, item, str(outcome), conds[key], "dossier")
        sources = r.strings(item, "sources", str(outcome))
        checker.refs(r, item, str(outcome), sources, None)
        explanation = r.text(item, "explanation", str(outcome))
        checks.append(OutcomeCheck(str(outcome), conds["met"], conds["not_met"], explanation, sources))
    return tuple(checks)


def parse_requirements(
    data: Any, r: Reader, checker: Checker
) -> tuple[tuple[Requirement, ...], tuple[OfferWarning, ...]]:
    """``candidates.yaml``: the offers' requirements and the per-offer warnings."""
    root = r.mapping(data, "candidates")
    seen: set[str] = set()
    requirements = []
    for i, node in enumerate(r.items(root, "requirements")):
        ident = r.ident(node, seen, f"requirements[{i}]")
        item = r.mapping(node, ident)
        applies = r.condition(item, "applies", ident, required=False)
        checker.condition(r, item, ident, applies, "dossier")
        satisfied = r.condition(item, "satisfied", ident)
        checker.condition(r, item, ident, satisfied, "offer")
        advisory = r.condition(item, "advisory", ident, required=applies is None)
        checker.condition(r, item, ident, advisory, "dossier")
        message = r.text(item, "advisory_message", ident, required=advisory is not None)
        checker.template(r, item, ident, message, ("offer",))
        sources, page = r.strings(item, "sources", ident), r.text(item, "page", ident)
        checker.refs(r, item, ident, sources, page)
        explanation = r.text(item, "explanation", ident)
        checker.template(r, item, ident, explanation)
        if ident not in checker.labels.get("blocking", {}):
            r.problem(item, ident, f"exigence « {ident} » sans libellé dans labels.yaml (blocking)")
        unknown = r.text(item, "unknown_message", ident, required=False)
        checker.template(r, item, ident, unknown, ("offer",))
        requirements.append(
            Requirement(ident, applies, satisfied or _never(), explanation, sources, page, advisory, message,
                        unknown)
        )
    warnings = []
    for i, node in enumerate(root.get("offer_warnings", []) or []):
        ident = r.ident(node, seen, f"offer_warnings[{i}]")
        item = r.mapping(node, ident)
        applies = r.condition(item, "applies", ident, required=False)
        checker.condition(r, item, ident, applies, "dossier")
        when = r.condition(item, "when", ident)
        checker.condition(r, item, ident, when, "offer")
        sources, page = r.strings(item, "sources", ident), r.text(item, "page", ident)
        checker.refs(r, item, ident, sources, page)
        message = r.text(item, "message", ident)
        checker.template(r, item, ident, message, ("offer",))
        warnings.append(OfferWarning(ident, applies, when or _never(), message, sources, page))
    return tuple(requirements), tuple(warnings)


def parse_warnings(data: Any, r: Reader, checker: Checker) -> tuple[tuple[WarningRule, ...], dict[str, str]]:
    root = r.mapping(data, "warnings")
    seen: set[str] = set()
    warnings = []
    for i, node in enumerate(r.items(root, "warnings")):
        ident = r.ident(node, seen, f"warnings[{i}]")
        item = r.mapping(node, ident)
        when = r.condition(item, "when", ident)
        checker.condition(r, item, ident, when, "dossier")
        sources, page = r.strings(item, "sources", ident), r.text(item, "page", ident)
        checker.refs(r, item, ident, sources, page)
        message = r.text(item, "message", ident)
        checker.template(r, item, ident, message, ("solutions",))
        fact = item.get("fact")
        if fact is not None and fact not in checker.questions:
            r.problem(item, ident, f"fait inconnu « {fact} »")
        warnings.append(WarningRule(ident, when or _never(), message, fact, sources, page))
    messages = r.mapping(root.get("engine_messages", {}), "engine_messages")
    return tuple(warnings), {str(k): str(v) for k, v in messages.items()}


def parse_stage_runs(meta: dict[str, Any], r: Reader, outputs: tuple[str, ...]) -> tuple[StageRun, ...]:
    """``stages`` of ``rulebook.yaml``: the run order; each stage must fill a field of the evaluation."""
    runs: list[StageRun] = []
    for node in r.items(meta, "stages"):
        item = r.mapping(node, "stages")
        stage = r.text(item, "stage", "stages")
        if not stage:
            continue
        if stage not in outputs:
            r.problem(item, stage, f"l'étape « {stage} » ne remplit aucun champ de l'évaluation "
                                   f"(attendu : {', '.join(outputs)})")
        if any(run.stage == stage for run in runs):
            r.problem(item, stage, f"étape « {stage} » exécutée deux fois")
        derived = item.get("derived")
        if derived is not None and (not isinstance(derived, str) or not derived.startswith("derived.")):
            r.problem(item, stage, f"fait dérivé « {derived} » invalide : « derived.… » attendu")
            derived = None
        runs.append(StageRun(stage, derived))
    return tuple(runs)


def parse_steps(meta: dict[str, Any], r: Reader) -> tuple[Step, ...]:
    """``steps`` of ``rulebook.yaml``: the guided dossier's steps, their labels and the note's facts."""
    steps: list[Step] = []
    seen: set[str] = set()
    for i, node in enumerate(r.items(meta, "steps")):
        ident = r.ident(node, seen, f"steps[{i}]")
        item = r.mapping(node, ident)
        facts: list[str] = []
        labels: dict[str, str] = {}
        for entry in item.get("note_facts", []) or []:
            if isinstance(entry, dict) and isinstance(entry.get("fact"), str):
                facts.append(entry["fact"])
                labels[entry["fact"]] = r.text(entry, "label", ident)
            elif isinstance(entry, str):
                facts.append(entry)
            else:
                r.problem(item, ident, "note_facts : un fait ou {fact, label} est attendu")
        questions = item.get("questions", True) is not False
        steps.append(Step(ident, r.text(item, "label", ident), tuple(facts), questions, labels))
    return tuple(steps)


CLAUSE_SECTIONS = ("cctp", "ccap")


def parse_clauses(data: Any, r: Reader, checker: Checker) -> dict[str, Clause]:
    """``clauses.yaml``: the clause library; each clause is named by the ``clauses`` stage's outcomes."""
    clauses: dict[str, Clause] = {}
    seen: set[str] = set()
    for i, node in enumerate(r.items(r.mapping(data, "clauses"), "clauses")):
        ident = r.ident(node, seen, f"clauses[{i}]")
        item = r.mapping(node, ident)
        section = item.get("section")
        if section not in CLAUSE_SECTIONS:
            r.problem(item, ident, f"section « {section} » invalide : cctp ou ccap attendu")
        sources = r.strings(item, "sources", ident)
        checker.refs(r, item, ident, sources, None)
        text = r.text(item, "text", ident)
        checker.template(r, item, ident, text)
        clauses[ident] = Clause(ident, r.text(item, "title", ident), str(section), text, sources)
    return clauses
