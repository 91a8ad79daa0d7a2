"""Index the foreign keys nothing indexed and describe the columns whose name does not say it all.

``docgen lint`` found six foreign keys without an index (PostgreSQL does not
create one: joins and deletes of the parent scanned the table) and columns
without a description. SQLite keeps no comments, so they are set on other
databases only.

Revision ID: 004
Revises: 003
Create Date: 2026-03-02
"""

from alembic import op

revision = "004"
down_revision = "003"
branch_labels = None
depends_on = None

FOREIGN_KEY_INDEXES = (
    ("conversation_embeddings", "conversation_id"),
    ("pattern_tracking", "conversation_id"),
    ("tasks", "goal_id"),
    ("wheel_scores", "category_id"),
    ("wheel_scores", "user_id"),
    ("work_sessions", "task_id"),
)

COMMENTS = {
    "calendar_events": {
        "location": "Where it takes place, as the calendar says",
        "start_time": "When the event starts",
        "end_time": "When the event ends; empty for open-ended events",
        "all_day": "Takes the whole day (times are ignored)",
        "calendar_source": "Which calendar service it came from",
    },
    "checkins": {
        "overall_rating": "How the period went overall, 1-10",
        "energy_rating": "Energy level, 1-10",
        "focus_rating": "Ability to focus, 1-10",
        "mood_rating": "Mood, 1-10",
        "stress_rating": "Stress felt, 1-10 (10: most stressed)",
        "ai_analysis": "The assistant's reading of the check-in",
        "insights": "Structured takeaways drawn from it",
    },
    "goals": {"extra_data": "Free-form settings of the goal"},
    "metrics": {
        "metric_type": "What was measured (sleep, steps, ...)",
        "value": "The measurement, shaped by its type",
    },
    "wheel_categories": {"display_order": "Position on the wheel"},
    "pattern_tracking": {
        "pattern_type": "Kind of pattern (avoidance, overcommitting, ...)",
        "occurrences": "How often it was seen",
        "evidence": "Quotes and references backing it",
    },
    "wheel_scores": {
        "score": "1 (poor) to 10 (perfect)",
        "notes": "Why the user gave this score",
    },
    "work_sessions": {
        "duration_minutes": "Length of the session in minutes",
        "energy_at_start": "Energy when starting, 1-10",
        "focus_at_start": "Focus when starting, 1-10",
        "strategy_used": "Focus technique tried (pomodoro, ...)",
        "completed": "The planned work got done",
        "switched_task": "The user moved to another task midway",
        "reason_for_switching": "Why, when switched_task",
        "effectiveness_rating": "How well it went, 1-10",
    },
}


def _keeps_comments() -> bool:
    return op.get_bind().dialect.name != "sqlite"


def upgrade() -> None:
    for table, column in FOREIGN_KEY_INDEXES:
        op.create_index(f"ix_{table}_{column}", table, [column])
    if _keeps_comments():
        for table, columns in COMMENTS.items():
            for column, comment in columns.items():
                op.alter_column(table, column, comment=comment)


def downgrade() -> None:
    if _keeps_comments():
        for table, columns in COMMENTS.items():
            for column, comment in columns.items():
                op.alter_column(table, column, comment=None, existing_comment=comment)
    for table, column in FOREIGN_KEY_INDEXES:
        op.drop_index(f"ix_{table}_{column}", table_name=table)
