"""The declarative base shared by every model of the coaching app, and its portable column types.

The app runs on PostgreSQL (JSONB, ARRAY); its migrations and ``docgen drift``
also run on a SQLite file, where both are stored as JSON.
"""

from sqlalchemy import JSON, String
from sqlalchemy.dialects import postgresql
from sqlalchemy.orm import DeclarativeBase

JSONB = postgresql.JSONB().with_variant(JSON(), "sqlite")
StringArray = postgresql.ARRAY(String).with_variant(JSON(), "sqlite")


class Base(DeclarativeBase):
    """Base class of the coaching app's models."""
