"""The app's views: queries it reads like tables, created with the tables (SQLAlchemy's view recipe).

``view(name, metadata, query)`` creates the view after the tables
(``metadata.create_all``) and drops it before them, as the SQLAlchemy wiki's
"Views" recipe does; migrations create it with the same SQL (revision 005).
"""

from __future__ import annotations

from sqlalchemy import event, select
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.schema import DDLElement
from sqlalchemy.sql import Select

from .base import Base
from .goal import Goal
from .task import Task


class CreateView(DDLElement):
    def __init__(self, name: str, selectable: Select):
        self.name = name
        self.selectable = selectable


class DropView(DDLElement):
    def __init__(self, name: str):
        self.name = name


@compiles(CreateView)
def _create_view(element: CreateView, compiler, **kw) -> str:
    query = compiler.sql_compiler.process(element.selectable, literal_binds=True)
    return f"CREATE VIEW {compiler.preparer.quote(element.name)} AS {query}"


@compiles(DropView)
def _drop_view(element: DropView, compiler, **kw) -> str:
    return f"DROP VIEW IF EXISTS {compiler.preparer.quote(element.name)}"


def view(name: str, metadata, query: Select) -> Select:
    event.listen(metadata, "after_create", CreateView(name, query))
    event.listen(metadata, "before_drop", DropView(name))
    return query


open_tasks = view(
    "open_tasks",
    Base.metadata,
    select(Task.id, Task.user_id, Task.title, Task.priority, Task.due_date, Goal.title.label("goal"))
    .outerjoin(Goal, Goal.id == Task.goal_id)
    .where(Task.status.in_(["todo", "in_progress"])),
)
