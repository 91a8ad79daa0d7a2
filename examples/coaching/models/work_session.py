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
        ForeignKey("tasks.id", ondelete="SET NULL"), index=True, comment="Kept when the task is deleted"
    )
    started_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=datetime.now)
    ended_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    duration_minutes: Mapped[int | None] = mapped_column(Integer, comment="Length of the session in minutes")
    energy_at_start: Mapped[int | None] = mapped_column(Integer, comment="Energy when starting, 1-10")
    focus_at_start: Mapped[int | None] = mapped_column(Integer, comment="Focus when starting, 1-10")
    strategy_used: Mapped[str | None] = mapped_column(String(100), comment="Focus technique tried (pomodoro, ...)")
    completed: Mapped[bool] = mapped_column(Boolean, default=False, comment="The planned work got done")
    switched_task: Mapped[bool] = mapped_column(Boolean, default=False, comment="The user moved to another task midway")
    reason_for_switching: Mapped[str | None] = mapped_column(Text, comment="Why, when switched_task")
    effectiveness_rating: Mapped[int | None] = mapped_column(Integer, comment="How well it went, 1-10")
