"""The declarative base shared by every model of the coaching app."""

from sqlalchemy.orm import DeclarativeBase


class Base(DeclarativeBase):
    """Base class of the coaching app's models."""
