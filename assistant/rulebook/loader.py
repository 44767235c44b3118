"""Load a rulebook directory into a :class:`Rulebook`, collecting every problem with its file and line."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from assistant.domain.evaluation import STAGE_OUTPUTS
from assistant.rulebook.checks import Checker
from assistant.rulebook.model import SOURCES_PAGE, Problem, Rulebook, RulebookError
from assistant.rulebook.parse import (
    parse_catalogue,
    parse_clauses,
    parse_criteria,
    parse_parameters,
    parse_questions,
    parse_requirements,
    parse_sources,
    parse_stage,
    parse_stage_runs,
    parse_steps,
    parse_warnings,
)
from assistant.rulebook.reader import Reader
from assistant.rulebook.yamlsource import YamlError, load_yaml

FIXED_FILES = (
    "rulebook.yaml",
    "sources.yaml",
    "catalogue.yaml",
    "questions.yaml",
    "criteria.yaml",
    "labels.yaml",
    "parameters.yaml",
    "candidates.yaml",
    "warnings.yaml",
    "clauses.yaml",
)


def vademecum_pages(folder: Path | None = None) -> frozenset[str]:
    """The vademecum pages: one per Markdown file of ``resources/vademecum/``, plus the sources page."""
    if folder is None:
        from assistant.paths import resources_dir

        folder = resources_dir() / "vademecum"
    return frozenset(path.stem for path in folder.glob("*.md")) | {SOURCES_PAGE}


def default_rules_dir() -> Path:
    """The bundled ``rules/`` directory (repository checkout or installed package)."""
    here = Path(__file__).resolve().parent
    for candidate in (here.parent.parent / "rules", here.parent / "_rules"):
        if (candidate / "rulebook.yaml").is_file():
            return candidate
    return here.parent.parent / "rules"


def _read_all(path: Path, problems: list[Problem]) -> dict[str, Any]:
    raw: dict[str, Any] = {}
    if not path.is_dir():
        problems.append(Problem(str(path), None, "", "dossier de règles introuvable"))
        return raw
    for name in FIXED_FILES:
        if not (path / name).is_file():
            problems.append(Problem(name, None, "", "fichier absent"))
    for file in sorted(path.glob("*.yaml")):
        try:
            raw[file.name] = load_yaml(file)
        except YamlError as exc:
            problems.append(Problem(exc.file, exc.line, "", exc.message))
    return raw


def digest_of(raw: dict[str, Any]) -> str:
    """``sha256:`` over canonical JSON of the loaded content: independent of layout and comments."""
    canonical = json.dumps(raw, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return "sha256:" + hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _build(path: Path, pages: frozenset[str] | None = None) -> tuple[Rulebook | None, list[Problem]]:
    problems: list[Problem] = []
    raw = _read_all(path, problems)
    meta_reader = Reader("rulebook.yaml", problems)
    meta = meta_reader.mapping(raw.get("rulebook.yaml", {}), "rulebook")
    ident = meta_reader.text(meta, "id", "rulebook")
    version = meta_reader.text(meta, "version", "rulebook")
    title = meta_reader.text(meta, "title", "rulebook")
    published = meta_reader.day(meta, "published", "rulebook")
    runs = parse_stage_runs(meta, meta_reader, STAGE_OUTPUTS)
    steps = parse_steps(meta, meta_reader)
    checker = Checker(problems)
    checker.pages = vademecum_pages() if pages is None else pages
    checker.steps = tuple(step.id for step in steps if step.questions)
    sources = parse_sources(raw.get("sources.yaml"), Reader("sources.yaml", problems))
    checker.sources = set(sources)
    labels_data = Reader("labels.yaml", problems).mapping(raw.get("labels.yaml", {}), "labels")
    labels = {
        str(k): {str(a): str(b) for a, b in v.items()} for k, v in labels_data.items() if isinstance(v, dict)
    }
    checker.labels = labels
    parameters = parse_parameters(raw.get("parameters.yaml"), Reader("parameters.yaml", problems), checker)
    questions, candidate_questions = parse_questions(
        raw.get("questions.yaml"), Reader("questions.yaml", problems), checker
    )
    checker.set_questions(questions, candidate_questions)
    for step in steps:
        for fact in step.note_facts:
            if fact not in checker.questions:
                meta_reader.problem(meta.get("steps"), step.id, f"fait inconnu « {fact} » dans note_facts")
    catalogue = parse_catalogue(raw.get("catalogue.yaml"), Reader("catalogue.yaml", problems), checker)
    checker.solution_ids = tuple(s.id for s in catalogue)
    criteria, note, crit_sources, default_weight = parse_criteria(
        raw.get("criteria.yaml"), Reader("criteria.yaml", problems), checker
    )
    clauses = parse_clauses(raw.get("clauses.yaml"), Reader("clauses.yaml", problems), checker)
    labels["clauses"] = {ident: clause.title for ident, clause in clauses.items()}
    stages = _stages(raw, runs, checker, problems, meta_reader=meta_reader, meta=meta)
    requirements, offer_warnings = parse_requirements(
        raw.get("candidates.yaml"), Reader("candidates.yaml", problems), checker
    )
    warnings, messages = parse_warnings(raw.get("warnings.yaml"), Reader("warnings.yaml", problems), checker)
    checker.run_pending()
    if any(p.severity == "error" for p in problems) or published is None:
        return None, problems
    ordered = {run.stage: stages[run.stage] for run in runs}
    rulebook = Rulebook(
        id=ident,
        version=version,
        published=published.isoformat(),
        title=title,
        digest=digest_of(raw),
        path=path,
        sources=sources,
        catalogue=catalogue,
        questions=questions,
        questions_by_id={q.id: q for q in questions},
        candidate_questions=candidate_questions,
        candidate_questions_by_id={q.id: q for q in candidate_questions},
        criteria=criteria,
        criteria_note=note,
        criteria_sources=crit_sources,
        labels=labels,
        parameters=parameters,
        stages=ordered,
        requirements=requirements,
        warnings=warnings,
        offer_warnings=offer_warnings,
        engine_messages=messages,
        stage_runs=runs,
        steps=steps,
        pages=checker.pages,
        default_weight=default_weight,
        clauses=clauses,
    )
    return rulebook, problems


def _stages(
    raw: dict[str, Any], runs: tuple[Any, ...], checker: Checker, problems: list[Problem], *, meta_reader: Reader,
    meta: dict[str, Any],
) -> dict[str, Any]:
    """Parse the stage files; refuse a stage the engine would never run, and a run with no file."""
    run_ids = [run.stage for run in runs]
    checker.derived = {
        run.derived: (run.stage, False) for run in runs if run.derived
    }
    stages = {}
    for name, data in raw.items():
        if name in FIXED_FILES or not isinstance(data, dict) or "stage" not in data:
            if name not in FIXED_FILES:
                problems.append(Problem(name, None, "", "fichier de règles sans « stage »"))
            continue
        reader = Reader(name, problems)
        stage = parse_stage(data, reader, checker)
        if stage.id in stages:
            reader.problem(data, stage.id, f"étape « {stage.id} » déjà définie")
        elif stage.id not in run_ids:
            reader.problem(data, stage.id, f"l'étape « {stage.id} » n'est jamais exécutée : ajoutez-la à la "
                                           "liste « stages » de rulebook.yaml, dans l'ordre voulu")
        stages[stage.id] = stage
    for run in runs:
        if run.stage in stages and run.derived:
            checker.derived[run.derived] = (run.stage, stages[run.stage].mode == "each")
    for stage_id in STAGE_OUTPUTS:
        if stage_id not in stages:
            problems.append(Problem("", None, stage_id, f"aucun fichier ne définit l'étape « {stage_id} »"))
        elif stage_id not in run_ids:
            meta_reader.problem(meta.get("stages", meta), stage_id,
                                f"l'étape « {stage_id} » manque à la liste « stages »")
    return stages


def check_rulebook(path: Path, pages: frozenset[str] | None = None) -> list[Problem]:
    """Every problem of the rulebook directory at ``path`` (empty when it is valid)."""
    return _build(path, pages)[1]


def load_rulebook(path: Path | None = None, pages: frozenset[str] | None = None) -> Rulebook:
    """Load and check the rulebook at ``path`` (default: the bundled one); raise :class:`RulebookError`.

    ``pages`` are the vademecum pages rules may point to (default: the bundled vademecum's files)."""
    rulebook, problems = _build(path or default_rules_dir(), pages)
    if rulebook is None:
        raise RulebookError([p for p in problems if p.severity == "error"] or problems)
    return rulebook
