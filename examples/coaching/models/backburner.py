"""Ideas and tasks parked for later."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, Index, String, Text, func
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, StringArray


class BackburnerItem(Base):
    """Something the user parked on the back burner, to resurface later."""

    __tablename__ = "backburner_items"
    __table_args__ = (Index("ix_backburner_items_user_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str | None] = mapped_column(Text)
    context_tags: Mapped[list[str] | None] = mapped_column(StringArray, comment="Free-form tags")
    reason: Mapped[str | None] = mapped_column(Text, comment="Why it was parked")
    created_at: Mapped[datetime] = mapped_column(DateTime, server_default=func.now())
    resurfaced_at: Mapped[datetime | None] = mapped_column(DateTime)
    activated_at: Mapped[datetime | None] = mapped_column(DateTime)
