"""``evaluate(rulebook, dossier, as_of)``: the pure function from a dossier to its evaluation.

Facts come first (valid answers, defaults), then the catalogue's mutualised solutions, then the stages in the
order ``rulebook.yaml`` gives (path, sensitivity, SecNumCloud scope, hosting, procedure, DINUM opinion), then
the offers and the warnings. Each stage's outcome may become a ``derived.*`` fact for the next ones; an
undetermined outcome is an unknown derived fact, blamed on the facts it lacks. Which questions are asked
and which answers need a justification are decided here too, on the same facts, for the window.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from assistant.domain import (
    AppliedParameter,
    CandidateResult,
    Details,
    DinumDetails,
    Dossier,
    Evaluation,
    Notice,
    ProcedureDetails,
    Retained,
    RulebookRef,
    SecNumCloudDetails,
    SolutionMatch,
    TraceEntry,
)
from assistant.engine.candidates import evaluate_offers, ranking
from assistant.engine.clauses import clause_texts
from assistant.engine.context import EvalContext
from assistant.engine.explain import explain, fill, reasons_of, trace_entry
from assistant.engine.prepare import fill_defaults, valid_facts
from assistant.engine.stages import StageResult, run_stage
from assistant.rulebook.conditions import ParamRef, PartialSet, walk
from assistant.rulebook.conditions import evaluate as evaluate_condition
from assistant.rulebook.model import ParameterValue, Rulebook, StageRun


class _Run:
    def __init__(self, rulebook: Rulebook, dossier: Dossier, as_of: date) -> None:
        facts, self.notices = valid_facts(rulebook, dossier.facts, rulebook.questions_by_id)
        self.ctx = EvalContext(rulebook, as_of, facts, dict(dossier.justifications))
        self.rulebook = rulebook
        self.trace, self.defaults = fill_defaults(self.ctx, as_of)
        self.missing: list[str] = []
        self.results: dict[str, StageResult] = {}
        self.stage_missing: dict[str, tuple[str, ...]] = {}

    def stage(self, run: StageRun) -> StageResult:
        stage = self.rulebook.stages[run.stage]
        result = run_stage(stage, self.ctx)
        relevant = evaluate_condition(stage.relevant, self.ctx).value if stage.relevant else True
        if relevant is not False:  # a stage that does not apply explains nothing
            for rule, res in result.fired:
                outcome = tuple(rule.outcome) if isinstance(rule.outcome, list) else rule.outcome
                self.trace.append(trace_entry(rule, res, run.stage, outcome, self.ctx))
            self.missing += result.missing
            self.stage_missing[run.stage] = result.missing
        if run.derived:
            if stage.mode == "each" and result.missing:
                partial = PartialSet(tuple(result.outcome), result.possible, result.missing)
                self.ctx.set_derived(run.derived, partial)
            else:
                self.ctx.set_derived(run.derived, result.outcome, result.missing)
        self.results[run.stage] = result
        return result

    def outcome(self, stage: str) -> Any:
        result = self.results.get(stage)
        return None if result is None else result.outcome

    def fired_rule(self, stage: str) -> str | None:
        result = self.results.get(stage)
        return result.fired[0][0].id if result and result.fired else None

    def solutions(self) -> tuple[SolutionMatch, ...]:
        """The catalogued solutions that serve the need and that this buyer may use (a solution reserved to
        other buyers is not offered, and the trace says why)."""
        known, category, _ = self.ctx.lookup("need.category")
        if not known:
            for fact in ("derived.mutualised_available", "derived.mutualised_circle", "derived.solutions"):
                self.ctx.set_derived(fact, None, ("need.category",))
            return ()
        kind_known, kind, _ = self.ctx.lookup("buyer.kind")
        found = []
        for solution, circle in self.rulebook.solutions_for(category):
            usable = solution.usable_by(kind if kind_known else None)
            if usable is False:
                text = f"{solution.name} n'est pas proposé à votre organisme : {solution.users_note}"
                self.trace.append(
                    TraceEntry(f"catalogue.{solution.id}.users", "catalogue", "not_offered", solution.id,
                               reasons_of((("buyer.kind", kind),)), solution.sources, text.rstrip(" :"))
                )
                continue
            if usable is None:
                self.missing.append("buyer.kind")
            found.append((solution, circle))
        self.ctx.set_derived("derived.mutualised_available", bool(found))
        self.ctx.set_derived("derived.mutualised_circle", min((c for _, c in found if c), default=0))
        self.ctx.set_derived("derived.solutions", [s.id for s, _ in found])
        return tuple(SolutionMatch(s.id, s.name, circle) for s, circle in found)

    def hosting_check(self, hosting: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
        """Whether the chosen hosting mode meets each hosting requirement (``hosting.yaml``'s ``checks``)."""
        stage = self.rulebook.stages.get("hosting")
        checks = {c.outcome: c for c in (stage.checks if stage else ())}
        statuses = []
        for requirement in hosting:
            status = "to_check"
            check = checks.get(requirement)
            for key, cond in (("met", check.met if check else None), ("not_met", check.not_met if check else None)):
                result = evaluate_condition(cond, self.ctx) if cond is not None else None
                if check is not None and result is not None and result.value is True:
                    status = key
                    self.trace.append(
                        TraceEntry(f"hosting_check.{requirement}", "hosting_check", requirement, key,
                                   reasons_of(result.because), check.sources, check.explanation)
                    )
                    break
            statuses.append((requirement, status))
        return tuple(statuses)

    def unverified(self, notices: list[Notice]) -> tuple[str, ...]:
        """The sources « à vérifier » cited by a rule that fired, each with its warning."""
        stages: dict[str, list[str]] = {}
        for entry in self.trace:
            for source_id in entry.sources:
                source = self.rulebook.sources.get(source_id)
                if source is not None and source.to_verify:
                    names = stages.setdefault(source_id, [])
                    label = self.rulebook.label("stage", entry.stage)
                    if label not in names:
                        names.append(label)
        template = self.rulebook.engine_messages.get("unverified_source", "{title}")
        for source_id in sorted(stages):
            text = fill(template, {"title": self.rulebook.sources[source_id].title,
                                   "stages": ", ".join(stages[source_id])})
            notices.append(Notice("source.unverified", text, (source_id,), None))
        return tuple(sorted(stages))

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

    def applied(self, name: str) -> AppliedParameter | None:
        value = self.ctx.param_value(name)
        if value is None:
            return None
        param = self.rulebook.parameters[name]
        day = self.ctx.consultation_day() if param.basis == "consultation" else self.ctx.as_of
        return _applied(value, day.isoformat(), param.basis)

    def procedure_details(self) -> ProcedureDetails:
        stage = self.rulebook.stages.get("procedure")
        names = sorted(
            {
                node.value.name
                for rule in (stage.rules if stage else ())
                for node in walk(rule.when)
                if isinstance(node.value, ParamRef)
            }
        )
        thresholds = tuple(t for t in (self.applied(n) for n in names) if t)
        return ProcedureDetails(self.ctx.consultation_day().isoformat(), self.fired_rule("procedure"), thresholds)

    def details(self, offers: Any) -> Details:
        sensitivity = self.outcome("sensitivity")
        dinum = self.outcome("dinum_opinion")
        used = dict.fromkeys(name for entry in self.trace for name in entry.parameters)
        return Details(
            defaults=self.defaults,
            procedure=self.procedure_details(),
            secnumcloud=SecNumCloudDetails(
                self.outcome("secnumcloud_binding"), sensitivity in ("particular", "restricted")
            ),
            dinum_opinion=DinumDetails(
                None if dinum is None else dinum == "required",
                self.fired_rule("dinum_opinion"),
                self.applied("dinum_opinion_threshold") if "dinum_opinion_threshold" in self.rulebook.parameters
                else None,
                self.stage_missing.get("dinum_opinion", ()),
            ),
            candidates=offers.details,
            parameters=tuple(p for p in (self.applied(name) for name in used) if p),
        )


def _applied(value: ParameterValue, read_on: str, basis: str) -> AppliedParameter:
    return AppliedParameter(
        value.id, value.label, value.value, value.unit, value.valid_from.isoformat(),
        value.valid_to.isoformat() if value.valid_to else None, value.sources, read_on, basis,
    )


def _asked(run: _Run) -> tuple[frozenset[str], frozenset[str]]:
    """The questions asked (their ``when`` is not false) and those whose answer needs a justification."""
    asked, justify = set(), set()
    for question in run.rulebook.questions:
        if question.when is None or evaluate_condition(question.when, run.ctx).value is not False:
            asked.add(question.id)
        if question.justification is not None and evaluate_condition(question.justification, run.ctx).value:
            justify.add(question.id)
    return frozenset(asked), frozenset(justify)


def _retained(
    rulebook: Rulebook, name: str | None, results: list[CandidateResult], order: tuple[str, ...],
    notices: list[Notice],
) -> Retained | None:
    """The retained offer, its eligibility and rank; a warning when it is not eligible or not there."""
    if name is None:
        return None
    result = next((r for r in results if r.name == name), None)
    messages = rulebook.engine_messages
    if result is None:
        notices.append(Notice("retained.absent", fill(messages.get("retained_absent", "{offer}"), {"offer": name})))
        return Retained(name, False, None)
    if not result.eligible:
        key = "retained_blocked" if result.blocking else "retained_undetermined"
        ids = result.blocking or result.undetermined
        labels = ", ".join(f"« {rulebook.label('blocking', r)} »" for r in ids)
        text = fill(messages.get(key, "{offer}"), {"offer": name, "requirements": labels})
        notices.append(Notice(f"retained.{key.removeprefix('retained_')}", text))
    rank = order.index(name) + 1 if name in order else None
    return Retained(name, result.eligible, rank)


def evaluate(rulebook: Rulebook, dossier: Dossier, as_of: date) -> Evaluation:
    """Evaluate ``dossier`` against ``rulebook`` at ``as_of``; pure and deterministic."""
    run = _Run(rulebook, dossier, as_of)
    ctx = run.ctx
    solutions = run.solutions()
    for stage_run in rulebook.stage_runs:
        run.stage(stage_run)
    hosting = tuple(run.outcome("hosting") or ())
    hosting_check = run.hosting_check(hosting)
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
    order = ranking(offers.results)
    retained = _retained(rulebook, dossier.retained, offers.results, order, notices)
    unverified = run.unverified(notices)
    details = run.details(offers)  # after the notices: only the rules' own look-ups warn of a missing value
    fact_ids = set(rulebook.questions_by_id)
    missing = tuple(sorted({m for m in run.missing if m in fact_ids}))
    asked, to_justify = _asked(run)
    dinum = run.outcome("dinum_opinion")
    trace: tuple[TraceEntry, ...] = tuple(run.trace)
    clauses = tuple(run.outcome("clauses") or ())
    return Evaluation(
        rulebook=RulebookRef(rulebook.id, rulebook.version, rulebook.digest, as_of.isoformat()),
        path=run.outcome("path") or "undetermined",
        solutions=solutions,
        sensitivity=run.outcome("sensitivity") or "undetermined",
        hosting=hosting,
        hosting_check=hosting_check,
        procedure=run.outcome("procedure") or "undetermined",
        dinum_opinion_required=dinum == "required",
        dinum_opinion=dinum or "undetermined",
        candidates=tuple(offers.results),
        ranking=order,
        retained=retained,
        unverified_sources=unverified,
        missing=missing,
        warnings=tuple(notices),
        trace=trace,
        details=details,
        asked=asked,
        to_justify=to_justify,
        clauses=clauses,
        clause_texts=clause_texts(clauses, trace, ctx),
    )


__all__ = ["evaluate"]
