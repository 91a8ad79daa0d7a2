"""Fix the drift of 001: the missing tables, the misnamed ones, work_sessions, tasks.goal_id.

Drops ``calendar``, ``backburner``, ``wheel`` and the wrong ``work_sessions``
(they held no data worth keeping) and creates the tables the models describe.
After this revision ``docgen drift`` finds nothing.

Revision ID: 003
Revises: 002
Create Date: 2026-02-02
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "003"
down_revision = "002"
branch_labels = None
depends_on = None

JSONB = postgresql.JSONB().with_variant(sa.JSON(), "sqlite")
STRING_ARRAY = postgresql.ARRAY(sa.String()).with_variant(sa.JSON(), "sqlite")
NOW = sa.func.now()


def _id() -> sa.Column:
    return sa.Column("id", sa.Integer(), primary_key=True)


def _user_id(ondelete: str | None = None) -> sa.Column:
    return sa.Column("user_id", sa.Integer(), sa.ForeignKey("users.id", ondelete=ondelete), nullable=False)


def _ratings_check(column: str, name: str, low: int = 1, high: int = 10) -> sa.CheckConstraint:
    return sa.CheckConstraint(f"{column} >= {low} AND {column} <= {high}", name=name)


def upgrade() -> None:
    for table in ("calendar", "backburner", "wheel", "work_sessions"):
        op.drop_table(table)

    op.create_table(
        "goals",
        _id(),
        _user_id(),
        sa.Column("category", sa.String(50), nullable=False),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("description", sa.Text()),
        sa.Column("target_date", sa.Date()),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=NOW, nullable=False),
        sa.Column("completed_at", sa.DateTime(timezone=True)),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("progress", sa.Integer(), nullable=False, comment="Percent complete, 0-100"),
        sa.Column("extra_data", JSONB),
        sa.CheckConstraint("category IN ('personal', 'work')", name="ck_goals_category"),
        sa.CheckConstraint("status IN ('active', 'completed', 'paused', 'abandoned')", name="ck_goals_status"),
        _ratings_check("progress", "ck_goals_progress", 0, 100),
    )
    op.create_index("ix_goals_user_id", "goals", ["user_id"])
    with op.batch_alter_table("tasks") as batch:
        batch.create_foreign_key("tasks_goal_id_fkey", "goals", ["goal_id"], ["id"], ondelete="SET NULL")

    op.create_table(
        "checkins",
        _id(),
        _user_id(),
        sa.Column("type", sa.String(20), nullable=False),
        *(sa.Column(f"{r}_rating", sa.Integer()) for r in ("overall", "energy", "focus", "mood", "stress")),
        sa.Column("responses", JSONB, comment="Answers to the check-in questions"),
        sa.Column("ai_analysis", sa.Text()),
        sa.Column("insights", JSONB),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=NOW, nullable=False),
        sa.CheckConstraint("type IN ('daily', 'weekly', 'monthly')", name="ck_checkins_type"),
        *(_ratings_check(f"{r}_rating", f"ck_checkins_{r}_rating") for r in ("overall", "energy", "focus", "mood", "stress")),
    )
    op.create_index("ix_checkins_user_id", "checkins", ["user_id"])

    op.create_table(
        "metrics",
        _id(),
        _user_id(),
        sa.Column("metric_type", sa.String(50), nullable=False),
        sa.Column("value", JSONB, nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), server_default=NOW, nullable=False),
    )
    op.create_index("ix_metrics_user_id", "metrics", ["user_id"])

    op.create_table(
        "conversation_embeddings",
        _id(),
        sa.Column("conversation_id", sa.Integer(), sa.ForeignKey("conversations.id"), nullable=False),
        sa.Column("pinecone_id", sa.String(100), nullable=False, comment="Vector id in Pinecone"),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=NOW, nullable=False),
        sa.UniqueConstraint("pinecone_id"),
    )

    op.create_table(
        "pattern_tracking",
        _id(),
        _user_id("CASCADE"),
        sa.Column("conversation_id", sa.Integer(), sa.ForeignKey("conversations.id", ondelete="SET NULL")),
        sa.Column("pattern_type", sa.String(50), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("confidence", sa.Float(), nullable=False, comment="0 to 1"),
        sa.Column("occurrences", sa.Integer(), nullable=False),
        sa.Column("evidence", JSONB),
        sa.Column("first_seen_at", sa.DateTime(timezone=True), server_default=NOW, nullable=False),
        sa.Column("last_seen_at", sa.DateTime(timezone=True)),
        sa.CheckConstraint("confidence >= 0 AND confidence <= 1", name="ck_pattern_tracking_confidence"),
    )
    op.create_index("ix_pattern_tracking_user_id", "pattern_tracking", ["user_id"])

    op.create_table(
        "work_sessions",
        _id(),
        _user_id(),
        sa.Column("task_id", sa.Integer(), sa.ForeignKey("tasks.id", ondelete="SET NULL"),
                  comment="Kept when the task is deleted"),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("ended_at", sa.DateTime(timezone=True)),
        sa.Column("duration_minutes", sa.Integer()),
        sa.Column("energy_at_start", sa.Integer()),
        sa.Column("focus_at_start", sa.Integer()),
        sa.Column("strategy_used", sa.String(100)),
        sa.Column("completed", sa.Boolean(), nullable=False),
        sa.Column("switched_task", sa.Boolean(), nullable=False),
        sa.Column("reason_for_switching", sa.Text()),
        sa.Column("effectiveness_rating", sa.Integer()),
        _ratings_check("energy_at_start", "ck_work_sessions_energy"),
        _ratings_check("focus_at_start", "ck_work_sessions_focus"),
        _ratings_check("effectiveness_rating", "ck_work_sessions_effectiveness"),
    )
    op.create_index("ix_work_sessions_user_id", "work_sessions", ["user_id"])

    op.create_table(
        "calendar_events",
        _id(),
        _user_id(),
        sa.Column("external_id", sa.String(255), nullable=False, comment="Event id in the source calendar"),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("description", sa.Text()),
        sa.Column("location", sa.String(200)),
        sa.Column("start_time", sa.DateTime(timezone=True), nullable=False),
        sa.Column("end_time", sa.DateTime(timezone=True)),
        sa.Column("all_day", sa.Boolean(), nullable=False),
        sa.Column("calendar_source", sa.String(50), nullable=False, server_default="google"),
        sa.Column("synced_at", sa.DateTime(timezone=True)),
        sa.UniqueConstraint("user_id", "external_id", "calendar_source", name="uq_calendar_events_user_external_source"),
    )

    op.create_table(
        "backburner_items",
        _id(),
        _user_id(),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("description", sa.Text()),
        sa.Column("context_tags", STRING_ARRAY, comment="Free-form tags"),
        sa.Column("reason", sa.Text(), comment="Why it was parked"),
        sa.Column("created_at", sa.DateTime(), server_default=NOW, nullable=False),
        sa.Column("resurfaced_at", sa.DateTime()),
        sa.Column("activated_at", sa.DateTime()),
    )
    op.create_index("ix_backburner_items_user_id", "backburner_items", ["user_id"])

    op.create_table(
        "wheel_categories",
        _id(),
        _user_id(),
        sa.Column("name", sa.String(100), nullable=False),
        sa.Column("description", sa.Text()),
        sa.Column("definition_of_10", sa.Text(), comment="What a perfect 10 looks like"),
        sa.Column("display_order", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=NOW, nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True)),
        sa.UniqueConstraint("user_id", "name", name="uq_wheel_categories_user_name"),
    )
    op.create_table(
        "wheel_scores",
        _id(),
        _user_id(),
        sa.Column("category_id", sa.Integer(), sa.ForeignKey("wheel_categories.id"), nullable=False),
        sa.Column("score", sa.Integer(), nullable=False),
        sa.Column("notes", sa.Text()),
        sa.Column("recorded_at", sa.DateTime(timezone=True), server_default=NOW, nullable=False),
        _ratings_check("score", "ck_wheel_scores_score"),
    )


def downgrade() -> None:
    raise NotImplementedError("003 is irreversible: the 001 tables it dropped were wrong and held no data")
