"""Daily, weekly and monthly check-ins with 1-10 self-ratings."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import CheckConstraint, DateTime, ForeignKey, Integer, String, Text, func
from sqlalchemy.orm import Mapped, mapped_column

from .base import JSONB, Base

RATINGS = ("overall", "energy", "focus", "mood", "stress")


class Checkin(Base):
    """A check-in: the user rates their day, week or month from 1 to 10."""

    __tablename__ = "checkins"
    __table_args__ = (
        CheckConstraint("type IN ('daily', 'weekly', 'monthly')", name="ck_checkins_type"),
        *(
            CheckConstraint(f"{r}_rating >= 1 AND {r}_rating <= 10", name=f"ck_checkins_{r}_rating")
            for r in RATINGS
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    type: Mapped[str] = mapped_column(String(20))
    overall_rating: Mapped[int | None] = mapped_column(Integer, comment="How the period went overall, 1-10")
    energy_rating: Mapped[int | None] = mapped_column(Integer, comment="Energy level, 1-10")
    focus_rating: Mapped[int | None] = mapped_column(Integer, comment="Ability to focus, 1-10")
    mood_rating: Mapped[int | None] = mapped_column(Integer, comment="Mood, 1-10")
    stress_rating: Mapped[int | None] = mapped_column(Integer, comment="Stress felt, 1-10 (10: most stressed)")
    responses: Mapped[dict[str, Any] | None] = mapped_column(JSONB, comment="Answers to the check-in questions")
    ai_analysis: Mapped[str | None] = mapped_column(Text, comment="The assistant's reading of the check-in")
    insights: Mapped[dict[str, Any] | None] = mapped_column(JSONB, comment="Structured takeaways drawn from it")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
