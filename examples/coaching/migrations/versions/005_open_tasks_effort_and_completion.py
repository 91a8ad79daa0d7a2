"""Task effort (a native enum on PostgreSQL), the open_tasks view, and a trigger setting completed_at.

Revision ID: 005
Revises: 004
Create Date: 2026-12-07
"""

import sqlalchemy as sa
from alembic import op

revision = "005"
down_revision = "004"
branch_labels = None
depends_on = None

EFFORT = sa.Enum("small", "medium", "large", name="task_effort")
OPEN_TASKS = (
    "CREATE VIEW open_tasks AS SELECT tasks.id, tasks.user_id, tasks.title, tasks.priority, tasks.due_date, "
    "goals.title AS goal FROM tasks LEFT OUTER JOIN goals ON goals.id = tasks.goal_id "
    "WHERE tasks.status IN ('todo', 'in_progress')"
)
COMPLETE_TASK = """
CREATE FUNCTION set_task_completed_at() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.status = 'done' AND OLD.status <> 'done' THEN
        NEW.completed_at := now();
    END IF;
    RETURN NEW;
END $$"""


def upgrade():
    postgresql = op.get_bind().dialect.name == "postgresql"
    if postgresql:
        EFFORT.create(op.get_bind())
    op.add_column("tasks", sa.Column("effort", EFFORT, comment="How big the user thinks the task is"))
    op.execute(OPEN_TASKS)
    if postgresql:
        op.execute(COMPLETE_TASK)
        op.execute("CREATE TRIGGER tasks_completed_at BEFORE UPDATE OF status ON tasks "
                   "FOR EACH ROW EXECUTE FUNCTION set_task_completed_at()")


def downgrade():
    postgresql = op.get_bind().dialect.name == "postgresql"
    if postgresql:
        op.execute("DROP TRIGGER tasks_completed_at ON tasks")
        op.execute("DROP FUNCTION set_task_completed_at()")
    op.execute("DROP VIEW open_tasks")
    with op.batch_alter_table("tasks") as batch:
        batch.drop_column("effort")
    if postgresql:
        EFFORT.drop(op.get_bind())
