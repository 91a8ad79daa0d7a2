"""Coaching conversations and the behaviour patterns spotted in them."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import CheckConstraint, DateTime, Float, ForeignKey, Integer, String, Text, func
from sqlalchemy.orm import Mapped, mapped_column

from .base import JSONB, Base


class Conversation(Base):
    """One coaching conversation between the user and the assistant."""

    __tablename__ = "conversations"
    __table_args__ = (
        CheckConstraint("channel IN ('chat', 'voice', 'email')", name="ck_conversations_channel"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    channel: Mapped[str] = mapped_column(String(20), default="chat")
    summary: Mapped[str | None] = mapped_column(Text, comment="AI-written summary of the conversation")
    messages: Mapped[list[Any]] = mapped_column(JSONB, default=list, comment="Ordered list of {role, content}")
    started_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    ended_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class PatternTracking(Base):
    """A behaviour pattern noticed across conversations (replaces the old pattern_hypotheses)."""

    __tablename__ = "pattern_tracking"
    __table_args__ = (
        CheckConstraint("confidence >= 0 AND confidence <= 1", name="ck_pattern_tracking_confidence"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    conversation_id: Mapped[int | None] = mapped_column(
        ForeignKey("conversations.id", ondelete="SET NULL"), index=True
    )
    pattern_type: Mapped[str] = mapped_column(String(50), comment="Kind of pattern (avoidance, overcommitting, ...)")
    description: Mapped[str] = mapped_column(Text)
    confidence: Mapped[float] = mapped_column(Float, default=0.5, comment="0 to 1")
    occurrences: Mapped[int] = mapped_column(Integer, default=1, comment="How often it was seen")
    evidence: Mapped[dict[str, Any] | None] = mapped_column(JSONB, comment="Quotes and references backing it")
    first_seen_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    last_seen_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
