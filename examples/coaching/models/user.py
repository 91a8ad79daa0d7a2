"""People using the coaching app."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, DateTime, String, func
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base


class User(Base):
    """A person being coached.

    One row per account; everything else in the app belongs to a user.
    """

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    # Unnamed in the migration (001) that created it; PostgreSQL calls it users_email_key. Naming it here
    # would not rename it in existing databases, and drift on SQLite (which reflects it unnamed) would report it.
    email: Mapped[str] = mapped_column(
        String(255), unique=True, comment="Login address, unique per account",
        info={"docgen": {"lint-ignore": ["unnamed-constraint"]}},
    )
    name: Mapped[str | None] = mapped_column(String(100))
    timezone: Mapped[str] = mapped_column(String(50), default="UTC", comment="IANA time zone name")
    is_active: Mapped[bool] = mapped_column(Boolean, default=True, server_default="true")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    last_login_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
