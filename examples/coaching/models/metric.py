"""Recorded metrics and the vector-store ids of conversation embeddings."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import DateTime, ForeignKey, String, func
from sqlalchemy.orm import Mapped, mapped_column

from .base import JSONB, Base


class Metric(Base):
    """A measured value of one kind (sleep, steps, focus minutes, ...) at one time."""

    __tablename__ = "metrics"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    metric_type: Mapped[str] = mapped_column(String(50), comment="What was measured (sleep, steps, ...)")
    value: Mapped[dict[str, Any]] = mapped_column(JSONB, comment="The measurement, shaped by its type")
    recorded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class ConversationEmbedding(Base):
    """Where a conversation's embedding lives in the Pinecone vector index."""

    __tablename__ = "conversation_embeddings"

    id: Mapped[int] = mapped_column(primary_key=True)
    conversation_id: Mapped[int] = mapped_column(ForeignKey("conversations.id"), index=True)
    # Unnamed in the migration (003) that created it; PostgreSQL calls it conversation_embeddings_pinecone_id_key.
    # Naming it here would not rename it in existing databases, and drift on SQLite (which reflects it unnamed)
    # would report it.
    pinecone_id: Mapped[str] = mapped_column(
        String(100), unique=True, comment="Vector id in Pinecone",
        info={"docgen": {"lint-ignore": ["unnamed-constraint"]}},
    )
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
