"""Focused work sessions and how well they went."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, CheckConstraint, DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base


class WorkSession(Base):
    """A stretch of focused work, optionally on one task."""

    __tablename__ = "work_sessions"
    __table_args__ = (
        CheckConstraint("energy_at_start >= 1 AND energy_at_start <= 10", name="ck_work_sessions_energy"),
        CheckConstraint("focus_at_start >= 1 AND focus_at_start <= 10", name="ck_work_sessions_focus"),
        CheckConstraint(
            "effectiveness_rating >= 1 AND effectiveness_rating <= 10", name="ck_work_sessions_effectiveness"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    task_id: Mapped[int | None] = mapped_column(
        ForeignKey("tasks.id", ondelete="SET NULL"), comment="Kept when the task is deleted"
    )
    started_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=datetime.now)
    ended_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    duration_minutes: Mapped[int | None] = mapped_column(Integer)
    energy_at_start: Mapped[int | None] = mapped_column(Integer)
    focus_at_start: Mapped[int | None] = mapped_column(Integer)
    strategy_used: Mapped[str | None] = mapped_column(String(100))
    completed: Mapped[bool] = mapped_column(Boolean, default=False)
    switched_task: Mapped[bool] = mapped_column(Boolean, default=False)
    reason_for_switching: Mapped[str | None] = mapped_column(Text)
    effectiveness_rating: Mapped[int | None] = mapped_column(Integer)
