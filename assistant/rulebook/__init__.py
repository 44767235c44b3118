"""The rulebook: YAML rules in ``rules/`` loaded into checked, typed, frozen objects."""

from assistant.rulebook.conditions import Condition, Result, evaluate, parse_condition
from assistant.rulebook.describe import describe_rulebook, render_rulebook_text
from assistant.rulebook.facts import check_dossier_facts, value_problem
from assistant.rulebook.french import format_date, format_eur, format_number, format_source_date
from assistant.rulebook.loader import check_rulebook, default_rules_dir, digest_of, load_rulebook
from assistant.rulebook.model import (
    SOURCES_PAGE,
    Criterion,
    Parameter,
    ParameterValue,
    Problem,
    Question,
    Requirement,
    Rule,
    Rulebook,
    RulebookError,
    Solution,
    Source,
    Stage,
    StageRun,
    Step,
    WarningRule,
)
from assistant.rulebook.render import describe_offer

__all__ = [
    "SOURCES_PAGE",
    "Condition",
    "Criterion",
    "Parameter",
    "ParameterValue",
    "Problem",
    "Question",
    "Requirement",
    "Result",
    "Rule",
    "Rulebook",
    "RulebookError",
    "Solution",
    "Source",
    "Stage",
    "StageRun",
    "Step",
    "WarningRule",
    "check_dossier_facts",
    "check_rulebook",
    "default_rules_dir",
    "describe_offer",
    "describe_rulebook",
    "digest_of",
    "evaluate",
    "format_date",
    "format_eur",
    "format_number",
    "format_source_date",
    "load_rulebook",
    "parse_condition",
    "render_rulebook_text",
    "value_problem",
]
