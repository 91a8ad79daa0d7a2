"""The wheel of life: the user's life areas and their scores over time."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, DateTime, ForeignKey, Integer, String, Text, UniqueConstraint, func
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base


class WheelCategory(Base):
    """A life area on the user's wheel (health, career, relationships, ...)."""

    __tablename__ = "wheel_categories"
    __table_args__ = (UniqueConstraint("user_id", "name", name="uq_wheel_categories_user_name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    name: Mapped[str] = mapped_column(String(100))
    description: Mapped[str | None] = mapped_column(Text)
    definition_of_10: Mapped[str | None] = mapped_column(Text, comment="What a perfect 10 looks like")
    display_order: Mapped[int] = mapped_column(Integer, default=0, comment="Position on the wheel")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    updated_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), onupdate=func.now())


class WheelScore(Base):
    """A score from 1 to 10 the user gave one life area at one time."""

    __tablename__ = "wheel_scores"
    __table_args__ = (CheckConstraint("score >= 1 AND score <= 10", name="ck_wheel_scores_score"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    category_id: Mapped[int] = mapped_column(ForeignKey("wheel_categories.id"), index=True)
    score: Mapped[int] = mapped_column(Integer, comment="1 (poor) to 10 (perfect)")
    notes: Mapped[str | None] = mapped_column(Text, comment="Why the user gave this score")
    recorded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
