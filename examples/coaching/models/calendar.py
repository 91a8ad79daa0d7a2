"""Events synced from the user's external calendars."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, DateTime, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base


class CalendarEvent(Base):
    """An event copied from an external calendar (Google by default)."""

    __tablename__ = "calendar_events"
    __table_args__ = (
        UniqueConstraint(
            "user_id", "external_id", "calendar_source", name="uq_calendar_events_user_external_source"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    external_id: Mapped[str] = mapped_column(String(255), comment="Event id in the source calendar")
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str | None] = mapped_column(Text)
    location: Mapped[str | None] = mapped_column(String(200), comment="Where it takes place, as the calendar says")
    start_time: Mapped[datetime] = mapped_column(DateTime(timezone=True), comment="When the event starts")
    end_time: Mapped[datetime | None] = mapped_column(
        DateTime(timezone=True), comment="When the event ends; empty for open-ended events"
    )
    all_day: Mapped[bool] = mapped_column(Boolean, default=False, comment="Takes the whole day (times are ignored)")
    calendar_source: Mapped[str] = mapped_column(
        String(50), default="google", server_default="google", comment="Which calendar service it came from"
    )
    synced_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
