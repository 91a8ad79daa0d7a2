"""Goals the user sets, personal or work."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import CheckConstraint, Date, DateTime, ForeignKey, Integer, String, Text, func
from sqlalchemy.orm import Mapped, mapped_column

from .base import JSONB, Base


class Goal(Base):
    """Something the user wants to achieve, with progress from 0 to 100."""

    __tablename__ = "goals"
    __table_args__ = (
        CheckConstraint("category IN ('personal', 'work')", name="ck_goals_category"),
        CheckConstraint("status IN ('active', 'completed', 'paused', 'abandoned')", name="ck_goals_status"),
        CheckConstraint("progress >= 0 AND progress <= 100", name="ck_goals_progress"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    category: Mapped[str] = mapped_column(String(50))
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str | None] = mapped_column(Text)
    target_date: Mapped[date | None] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    completed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    status: Mapped[str] = mapped_column(String(20), default="active")
    progress: Mapped[int] = mapped_column(Integer, default=0, comment="Percent complete, 0-100")
    extra_data: Mapped[dict[str, Any] | None] = mapped_column(JSONB, comment="Free-form settings of the goal")
