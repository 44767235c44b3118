"""``evaluate(rulebook, dossier, as_of)``: the pure function from a dossier to its evaluation.

Stages run in order: facts (valid answers, defaults), path, sensitivity, hosting, SecNumCloud scope,
procedure, DINUM opinion, offers, warnings. Each stage's outcome becomes a ``derived.*`` fact for the
next ones; an undetermined outcome is an unknown derived fact, blamed on the facts it lacks.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from assistant.domain import Dossier, Evaluation, Notice, RulebookRef, SolutionMatch
from assistant.engine.candidates import evaluate_offers
from assistant.engine.context import EvalContext
from assistant.engine.explain import explain, fill, trace_entry
from assistant.engine.prepare import fill_defaults, valid_facts
from assistant.engine.stages import StageResult, run_stage
from assistant.rulebook.conditions import PartialSet
from assistant.rulebook.conditions import evaluate as evaluate_condition
from assistant.rulebook.model import Rulebook


def _outcome_text(stage: str, outcome: Any) -> str:
    return f"{stage}=" + (",".join(outcome) if isinstance(outcome, tuple) else str(outcome))


class _Run:
    def __init__(self, rulebook: Rulebook, dossier: Dossier, as_of: date) -> None:
        facts, self.notices = valid_facts(rulebook, dossier.facts, rulebook.questions_by_id)
        self.ctx = EvalContext(rulebook, as_of, facts, dict(dossier.justifications))
        self.rulebook = rulebook
        self.trace, defaults = fill_defaults(self.ctx, as_of)
        self.missing: list[str] = []
        self.details: dict[str, Any] = {"defaults": defaults}

    def stage(self, stage_id: str, derived: str | None = None, report: bool = True) -> StageResult:
        stage = self.rulebook.stages[stage_id]
        result = run_stage(stage, self.ctx)
        relevant = evaluate_condition(stage.relevant, self.ctx).value if stage.relevant else True
        if relevant is not False:  # a stage that does not apply explains nothing
            for rule, res in result.fired:
                self.trace.append(trace_entry(rule, res, _outcome_text(stage_id, rule.outcome), self.ctx))
        if report and relevant is not False:
            self.missing += result.missing
        if derived:
            if stage.mode == "each" and result.missing:
                partial = PartialSet(tuple(result.outcome), result.possible, result.missing)
                self.ctx.set_derived(derived, partial)
            else:
                self.ctx.set_derived(derived, result.outcome, result.missing)
        return result

    def solutions(self) -> tuple[SolutionMatch, ...]:
        known, category, _ = self.ctx.lookup("need.category")
        if not known:
            self.ctx.set_derived("derived.mutualised_available", None, ("need.category",))
            self.ctx.set_derived("derived.mutualised_circle", None, ("need.category",))
            return ()
        found = self.rulebook.solutions_for(category)
        self.ctx.set_derived("derived.mutualised_available", bool(found))
        self.ctx.set_derived("derived.mutualised_circle", min((c for _, c in found), default=0))
        return tuple(SolutionMatch(s.id, s.name, circle) for s, circle in found)

    def warnings(self, solutions: tuple[SolutionMatch, ...]) -> list[Notice]:
        notices = []
        for question in self.rulebook.questions:
            if question.justification is None or self.ctx.justified(question.id):
                continue
            if evaluate_condition(question.justification, self.ctx).value is True:
                notices.append(
                    Notice(
                        f"justification.{question.id}",
                        question.justification_message,
                        question.sources,
                        question.id,
                    )
                )
        names = {"solutions": ", ".join(s.name for s in solutions if s.circle == 1)}
        for rule in self.rulebook.warnings:
            if evaluate_condition(rule.when, self.ctx).value is True:
                notices.append(
                    Notice(rule.id, explain(rule.message, self.ctx, names), rule.sources, rule.fact)
                )
        return notices

    def procedure_details(self, result: StageResult) -> dict[str, Any]:
        names = sorted(
            {
                node.value.name
                for rule in self.rulebook.stages["procedure"].rules
                for node in _walk(rule.when)
                if hasattr(node.value, "name")
            }
        )
        thresholds = [v.to_dict() for v in (self.ctx.param_value(n) for n in names) if v]
        rule = result.fired[0][0].id if result.fired else None
        return {
            "consultation_date": self.ctx.consultation_day().isoformat(),
            "rule": rule,
            "thresholds": thresholds,
        }


def _walk(cond: Any) -> Any:
    from assistant.rulebook.conditions import walk

    return walk(cond)


def evaluate(rulebook: Rulebook, dossier: Dossier, as_of: date) -> Evaluation:
    """Evaluate ``dossier`` against ``rulebook`` at ``as_of``; pure and deterministic."""
    run = _Run(rulebook, dossier, as_of)
    ctx = run.ctx
    solutions = run.solutions()
    path = run.stage("path", "derived.path")
    sensitivity = run.stage("sensitivity", "derived.sensitivity")
    binding = run.stage("secnumcloud_binding", "derived.secnumcloud_binding")
    hosting = run.stage("hosting", "derived.hosting")
    procedure = run.stage("procedure")
    dinum = run.stage("dinum_opinion")
    offers = evaluate_offers(dossier.candidates, dossier.weights, ctx)
    run.trace += offers.trace
    run.missing += offers.missing
    notices = run.notices + run.warnings(solutions) + offers.notices
    for name, day in sorted(ctx.unavailable.items()):
        param = rulebook.parameters[name]
        text = fill(
            rulebook.engine_messages.get("parameter_unavailable", "{label}"),
            {"label": param.label, "date": rulebook.value_label("procurement.consultation_date", day)},
        )
        notices.append(Notice("parameter.unavailable", text, (), "procurement.consultation_date"))
    details = run.details
    details["procedure"] = run.procedure_details(procedure)
    details["secnumcloud"] = {
        "binding": binding.outcome,
        "applies": sensitivity.outcome in ("particular", "restricted"),
    }
    dinum_rule = dinum.fired[0][0].id if dinum.fired else None
    threshold = ctx.param_value("dinum_opinion_threshold")
    details["dinum_opinion"] = {
        "required": None if dinum.outcome is None else dinum.outcome == "required",
        "rule": dinum_rule,
        "threshold": threshold.to_dict() if threshold else None,
    }
    details["candidates"] = offers.details
    fact_ids = set(rulebook.questions_by_id)
    missing = tuple(sorted({m for m in run.missing if m in fact_ids}))
    return Evaluation(
        rulebook=RulebookRef(rulebook.id, rulebook.version, rulebook.digest, as_of.isoformat()),
        path=path.outcome or "undetermined",
        solutions=solutions,
        sensitivity=sensitivity.outcome or "undetermined",
        hosting=tuple(hosting.outcome),
        procedure=procedure.outcome or "undetermined",
        dinum_opinion_required=dinum.outcome == "required",
        dinum_opinion=dinum.outcome or "undetermined",
        candidates=tuple(offers.results),
        missing=missing,
        warnings=tuple(notices),
        trace=tuple(run.trace),
        details=details,
    )


__all__ = ["evaluate"]
