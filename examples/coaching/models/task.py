"""Tasks a user works on, and the milestones that break them down."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import DDL, CheckConstraint, Date, DateTime, Enum, ForeignKey, Integer, String, Text, event, func
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base


class Task(Base):
    """A unit of work the user plans, starts and finishes."""

    __tablename__ = "tasks"
    __table_args__ = (
        CheckConstraint("status IN ('todo', 'in_progress', 'done', 'dropped')", name="ck_tasks_status"),
        CheckConstraint("priority BETWEEN 1 AND 5", name="ck_tasks_priority"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    goal_id: Mapped[int | None] = mapped_column(ForeignKey("goals.id", ondelete="SET NULL"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str | None] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(20), default="todo")
    priority: Mapped[int] = mapped_column(Integer, default=3, comment="1 (highest) to 5 (lowest)")
    due_date: Mapped[date | None] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    completed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    effort: Mapped[str | None] = mapped_column(Enum("small", "medium", "large", name="task_effort"),
                                               comment="How big the user thinks the task is")


# On PostgreSQL a task that becomes done gets its completion time (migration 005 creates the same).
COMPLETE_TASK = """
CREATE FUNCTION set_task_completed_at() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.status = 'done' AND OLD.status <> 'done' THEN
        NEW.completed_at := now();
    END IF;
    RETURN NEW;
END $$"""
TASK_COMPLETED_TRIGGER = ("CREATE TRIGGER tasks_completed_at BEFORE UPDATE OF status ON tasks "
                          "FOR EACH ROW EXECUTE FUNCTION set_task_completed_at()")
event.listen(Task.__table__, "after_create", DDL(COMPLETE_TASK).execute_if(dialect="postgresql"))
event.listen(Task.__table__, "after_create", DDL(TASK_COMPLETED_TRIGGER).execute_if(dialect="postgresql"))


class Milestone(Base):
    """A checkpoint on the way to finishing a task."""

    __tablename__ = "milestones"

    id: Mapped[int] = mapped_column(primary_key=True)
    task_id: Mapped[int] = mapped_column(ForeignKey("tasks.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    position: Mapped[int] = mapped_column(Integer, default=0, comment="Order within the task")
    due_date: Mapped[date | None] = mapped_column(Date)
    completed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
