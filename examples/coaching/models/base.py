"""The declarative base shared by every model of the coaching app, and its portable column types.

The app runs on PostgreSQL (JSONB, ARRAY); its migrations and ``docgen drift``
also run on a SQLite file, and the models on MariaDB/MySQL, where both are stored as JSON.
"""

from sqlalchemy import JSON, String
from sqlalchemy.dialects import postgresql
from sqlalchemy.orm import DeclarativeBase

JSONB = postgresql.JSONB().with_variant(JSON(), "sqlite", "mysql", "mariadb")
StringArray = postgresql.ARRAY(String).with_variant(JSON(), "sqlite", "mysql", "mariadb")


class Base(DeclarativeBase):
    """Base class of the coaching app's models."""
