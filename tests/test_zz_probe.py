import sqlalchemy as sa
from conftest import run_docgen, write_project

M = '''
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql as pg
metadata = sa.MetaData()
score = pg.DOMAIN("score", sa.Integer, check="VALUE > 0", not_null=True)
mood = sa.Enum("low", "high", name="mood")
sa.Table("t", metadata, sa.Column("id", sa.Integer, primary_key=True), sa.Column("s", score), sa.Column("m", mood),
         sa.Column("code", sa.String(5), unique=True), sa.Column("at", sa.DateTime, server_default=sa.func.now()),
         sa.CheckConstraint("id > 0", name="ck_t_id"), sa.CheckConstraint("s < 100"))
sa.Index("ix_t_lower", sa.func.lower(metadata.tables["t"].c.code))
sa.Sequence("nums", start=5, metadata=metadata)
'''

def test_probe(tmp_path, pg_url):
    project = write_project(tmp_path / "p", 'models = "m:metadata"\ndialect = "postgresql"', {"m.py": M})
    ns = {}
    exec(M, ns)
    e = sa.create_engine(pg_url); ns["metadata"].create_all(e); e.dispose()
    r = run_docgen("diff", "models", pg_url, cwd=project)
    print(r.stdout, r.stderr)
    r = run_docgen("drift", "--database-url", pg_url, cwd=project)
    print(r.stdout, r.stderr)
    assert 0
