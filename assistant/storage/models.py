"""Typed SQLAlchemy 2 models for dossiers, their offers and their journal.

Facts, justifications, weights and scores are JSON columns: their vocabulary belongs to the rulebook,
not to the schema. The journal (``event``) is append-only: triggers created by the first migration refuse
any UPDATE or DELETE on it, and it keeps the dossier id as a plain number so that emptying the trash
does not erase the history.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, ClassVar

from sqlalchemy import JSON, DateTime, ForeignKey, Integer, MetaData, String, Text, event
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from assistant.domain.folding import search_text

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map: ClassVar[dict[Any, Any]] = {dict[str, Any]: JSON, datetime: DateTime()}


class DossierRow(Base):
    """One dossier. ``deleted_at`` set means it is in the trash."""

    __tablename__ = "dossier"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uid: Mapped[str] = mapped_column(String(36), unique=True)
    title: Mapped[str] = mapped_column(String(500))
    organisation: Mapped[str] = mapped_column(String(500), default="")
    facts: Mapped[dict[str, Any]] = mapped_column(default=dict)
    justifications: Mapped[dict[str, Any]] = mapped_column(default=dict)
    weights: Mapped[dict[str, Any]] = mapped_column(default=dict)
    extra: Mapped[dict[str, Any]] = mapped_column(default=dict)
    status: Mapped[str] = mapped_column(String(20), default="draft")
    current_step: Mapped[str] = mapped_column(String(40), default="")
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime] = mapped_column(index=True)
    updated_by: Mapped[str] = mapped_column(String(100), default="", server_default="")
    """Who made the last change (the journal author of the write that set ``updated_at``): the list shows it."""
    deleted_at: Mapped[datetime | None] = mapped_column(default=None)
    rulebook_version: Mapped[str | None] = mapped_column(String(40), default=None)
    rulebook_digest: Mapped[str | None] = mapped_column(String(80), default=None)
    evaluated_at: Mapped[datetime | None] = mapped_column(default=None)
    conclusion: Mapped[str] = mapped_column(String(40), default="")
    search_text: Mapped[str] = mapped_column(Text, default="")
    """Title and organisation folded (lower case, no accents); an FTS5 trigram index follows it by triggers."""
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    """Raised by every write; a write made over a version older than the stored one is refused (team mode)."""

    candidates: Mapped[list[CandidateRow]] = relationship(
        back_populates="dossier",
        cascade="all, delete-orphan",
        order_by="CandidateRow.position",
        passive_deletes=True,
    )

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012 - read by SQLAlchemy once


@event.listens_for(DossierRow, "before_insert")
@event.listens_for(DossierRow, "before_update")
def _fold_search_text(_mapper: Any, _connection: Any, row: DossierRow) -> None:
    """Keep the folded search text in step with the title and organisation, whoever writes them."""
    folded = search_text(row.title, row.organisation)
    if row.search_text != folded:
        row.search_text = folded


class CandidateRow(Base):
    """A market offer of a dossier, in the buyer's order."""

    __tablename__ = "candidate"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    dossier_id: Mapped[int] = mapped_column(ForeignKey("dossier.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    name: Mapped[str] = mapped_column(String(500))
    facts: Mapped[dict[str, Any]] = mapped_column(default=dict)
    scores: Mapped[dict[str, Any]] = mapped_column(default=dict)
    extra: Mapped[dict[str, Any]] = mapped_column(default=dict)

    dossier: Mapped[DossierRow] = relationship(back_populates="candidates")


class EventRow(Base):
    """An entry of the append-only journal: created, renamed, answered, evaluated, exported..."""

    __tablename__ = "event"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    dossier_id: Mapped[int] = mapped_column(Integer, index=True)
    dossier_uid: Mapped[str] = mapped_column(String(36))
    kind: Mapped[str] = mapped_column(String(20))
    at: Mapped[datetime]
    detail: Mapped[str] = mapped_column(Text, default="")
    author: Mapped[str] = mapped_column(String(100), default="", server_default="")
    """Who made the change: the PostgreSQL role, or the workstation's user on SQLite."""
