"""The rules engine: a pure function from (rulebook, dossier, date) to an evaluation, and its text."""

from assistant.engine.evaluate import evaluate
from assistant.engine.text import render_text

__all__ = ["evaluate", "render_text"]
