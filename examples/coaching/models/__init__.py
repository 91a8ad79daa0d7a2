"""The coaching app's SQLAlchemy 2.x models (the example docgen documents).

Importing this package imports every model module, so ``Base.metadata`` holds
all tables.
"""

from .base import Base
from . import (  # noqa: F401  (imported for their tables)
    backburner,
    calendar,
    checkin,
    conversation,
    goal,
    metric,
    task,
    user,
    views,
    wheel,
    work_session,
)

__all__ = ["Base"]
