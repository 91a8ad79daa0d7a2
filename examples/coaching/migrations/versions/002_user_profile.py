"""Users get a time zone, an active flag and the time of their last login.

Revision ID: 002
Revises: 001
Create Date: 2025-12-10
"""

import sqlalchemy as sa
from alembic import op

revision = "002"
down_revision = "001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("users", sa.Column("timezone", sa.String(50), nullable=False, server_default="UTC",
                                     comment="IANA time zone name"))
    op.add_column("users", sa.Column("is_active", sa.Boolean(), nullable=False, server_default="true"))
    op.add_column("users", sa.Column("last_login_at", sa.DateTime(timezone=True)))


def downgrade() -> None:
    with op.batch_alter_table("users") as batch:
        for column in ("last_login_at", "is_active", "timezone"):
            batch.drop_column(column)
