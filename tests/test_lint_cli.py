"""`docgen lint` on a project: exit 0 clean / 1 findings / 2 bad input, its formats, every way to silence a rule."""

from __future__ import annotations

import json

import pytest
from conftest import REPO, docgen_in_process, run_docgen, write_project

from docgen.lint.registry import RULES

MODELS = '''\
"""A shop whose models have a few flaws."""
import datetime

import sqlalchemy as sa
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class Customer(Base):
    """A person who buys."""

    __tablename__ = "customers"
    id: Mapped[int] = mapped_column(primary_key=True, comment="Row id")


class Order(Base):
    """One purchase."""

    __tablename__ = "orders"
    __table_args__ = {"info": INFO}

    id: Mapped[int] = mapped_column(primary_key=True, comment="Row id")
    customer_id: Mapped[int] = mapped_column(sa.ForeignKey("customers.id"), comment="Who bought")
    placed_at: Mapped[datetime.datetime] = mapped_column(default=datetime.datetime(2026, 1, 1),
                                                         comment="When", info=COLUMN_INFO)


sa.Table("audit", Base.metadata, sa.Column("at", sa.DateTime, comment="When"), comment="What happened")
'''


ORDER_LINE = MODELS.splitlines().index("class Order(Base):") + 1


def _shop(tmp_path, lint_table: str = "", info: str = "{}", column_info: str = "{}"):
    config = 'models = "shop:Base"\ndialect = "postgresql"\n'
    config += f"[tool.docgen.lint]\n{lint_table}" if lint_table else ""
    source = MODELS.replace("INFO", info, 1).replace("COLUMN_INFO", column_info, 1)
    return write_project(tmp_path / "shop", config, {"shop.py": source})


FINDINGS = [
    "no-primary-key: table audit has no primary key",
    "unindexed-foreign-key: foreign key orders(customer_id) → customers has no index whose leading columns "
    "are exactly its columns",
    "import-time-default: column orders.placed_at defaults to a date/time value computed once, when the models "
    "were imported",
]


def test_findings_name_rule_table_and_column_with_the_model_line_and_a_fix_and_exit_1(tmp_path):
    result = run_docgen("lint", cwd=_shop(tmp_path))
    assert result.returncode == 1, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == FINDINGS[0]  # a plain Table(...): its place is not known
    assert lines[2] == f"shop.py:{ORDER_LINE}: " + FINDINGS[1]
    assert lines[3] == "    fix: add index=True to the column, or an Index on (customer_id) to the table " \
                       "(and a migration creating it)"
    assert lines[4] == f"shop.py:{ORDER_LINE}: " + FINDINGS[2]
    assert lines[-1] == "lint: 3 finding(s) in 2 table(s) (13 rule(s), 3 table(s))"


def test_a_finding_on_a_class_no_class_statement_defines_names_its_file_without_a_line(tmp_path):
    """Models made by a factory (``type(...)``) have a file but no class line to point at."""
    project = write_project(tmp_path / "made", 'models = "made:Base"', {"made.py": (
        "import sqlalchemy as sa\nfrom sqlalchemy.orm import DeclarativeBase\n\n\nclass Base(DeclarativeBase):\n"
        "    pass\n\n\nclass Customer(Base):\n    \"\"\"A person who buys.\"\"\"\n\n"
        "    __tablename__ = 'customers'\n    id = sa.Column(sa.Integer, primary_key=True, comment='Row id')\n\n\n"
        "Order = type('Order', (Base,), {'__tablename__': 'orders', '__doc__': 'One purchase.',\n"
        "    'id': sa.Column(sa.Integer, primary_key=True, comment='Row id'),\n"
        "    'customer_id': sa.Column(sa.ForeignKey('customers.id'), comment='Who bought')})\n")})
    result = run_docgen("lint", cwd=project)
    assert result.returncode == 1, result.stdout + result.stderr
    assert result.stdout.splitlines()[0] == (
        "made.py: unindexed-foreign-key: foreign key orders(customer_id) → customers has no index whose leading "
        "columns are exactly its columns")


def test_a_clean_schema_exits_0(tmp_path):
    project = _shop(tmp_path, 'disable = ["no-primary-key", "unindexed-foreign-key", "import-time-default"]')
    result = run_docgen("lint", cwd=project)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == "lint: no findings (10 rule(s), 3 table(s))\n"


@pytest.mark.parametrize("lint_table, flags, left", [
    ('enable = ["no-primary-key"]', (), [0]),
    ("", ("--enable", "import-time-default"), [2]),
    ("", ("--disable", "no-primary-key", "--disable", "import-time-default"), [1]),
    ('exclude = ["aud*", "orders.placed_at"]', (), [1]),
    ('[tool.docgen.lint.ignore]\nunindexed-foreign-key = ["orders"]\nno-primary-key = ["*"]', (), [2]),
])
def test_rules_are_chosen_and_silenced_by_config_and_flags(tmp_path, lint_table, flags, left):
    result = run_docgen("lint", *flags, cwd=_shop(tmp_path, lint_table))
    reported = [line.split(": ", 1)[1] if line.startswith("shop.py:") else line
                for line in result.stdout.splitlines() if not line.startswith(("    fix:", "lint:"))]
    assert reported == [FINDINGS[n] for n in left]


def test_tables_and_columns_opt_out_inline_through_info(tmp_path):
    project = _shop(tmp_path, info='{"docgen": {"lint-ignore": ["unindexed-foreign-key"]}}',
                    column_info='{"docgen": {"lint-ignore": "import-time-default"}}')
    result = run_docgen("lint", cwd=project)
    assert result.returncode == 1
    assert result.stdout.splitlines()[0] == FINDINGS[0]
    assert result.stdout.splitlines()[-1].startswith("lint: 1 finding(s) in 1 table(s)")


@pytest.mark.parametrize("lint_table, flags, message", [
    ('colour = "red"', (), "[tool.docgen.lint]: unknown key 'colour' (known: enable, disable, exclude, ignore, "
                           "baseline, min-description-length)"),
    ('disable = "no-primary-key"', (), "[tool.docgen.lint]: disable must be a list of strings, got 'no-primary-key'"),
    ("", ("--disable", "no-such-rule"), "--enable/--disable: unknown lint rule 'no-such-rule' "
                                        "(see docgen lint --list-rules)"),
    ('enable = ["no-such-rule"]', (), "[tool.docgen.lint] enable/disable: unknown lint rule 'no-such-rule' "
                                      "(see docgen lint --list-rules)"),
    ("min-description-length = 0", (), "[tool.docgen.lint]: min-description-length must be a whole number of 1 "
                                       "or more, got 0"),
    ('[tool.docgen.lint.ignore]\nno-such-rule = ["x"]', (), "[tool.docgen.lint] ignore: unknown lint rule "
                                                           "'no-such-rule' (see docgen lint --list-rules)"),
])
def test_bad_lint_settings_are_one_line_and_exit_2(tmp_path, lint_table, flags, message):
    result = run_docgen("lint", *flags, cwd=_shop(tmp_path, lint_table))
    assert result.returncode == 2
    assert result.stderr == f"docgen: error: {message}\n"
    assert result.stdout == ""


def test_an_unknown_rule_in_an_inline_opt_out_is_an_error_naming_the_table(tmp_path):
    result = run_docgen("lint", cwd=_shop(tmp_path, info='{"docgen": {"lint-ignore": ["no-such"]}}'))
    assert result.returncode == 2
    assert result.stderr == ("docgen: error: orders: info={\"docgen\": {\"lint-ignore\": ...}}: unknown lint rule "
                             "'no-such' (see docgen lint --list-rules)\n")


def test_json_carries_rule_table_column_file_and_line(tmp_path):
    result = run_docgen("lint", "--format", "json", cwd=_shop(tmp_path))
    assert result.returncode == 1
    data = json.loads(result.stdout)
    assert data["tables"] == 3 and len(data["rules"]) == 13
    assert [(f["rule"], f["table"], f["column"], f["file"], f["line"]) for f in data["findings"]] == [
        ("no-primary-key", "audit", None, None, None),
        ("unindexed-foreign-key", "orders", "customer_id", "shop.py", ORDER_LINE),
        ("import-time-default", "orders", "placed_at", "shop.py", ORDER_LINE),
    ]


def test_github_format_annotates_the_model_class_line(tmp_path, monkeypatch):
    result = docgen_in_process("lint", "--format", "github", cwd=_shop(tmp_path), monkeypatch=monkeypatch)
    assert result.exit_code == 1, result.output
    lines = result.stdout.splitlines()
    assert lines[0].startswith("::error title=docgen lint%3A no-primary-key::table audit has no primary key (fix: ")
    assert lines[1].startswith(f"::error file=shop.py,line={ORDER_LINE},title=docgen lint%3A unindexed-foreign-key::"
                               "foreign key orders(customer_id) → customers has no index")
    assert lines[-1].startswith("lint: 3 finding(s)")


def test_list_rules_names_every_rule_without_a_project(tmp_path):
    result = run_docgen("lint", "--list-rules", cwd=tmp_path)
    assert result.returncode == 0
    ids = [line.split(":", 1)[0] for line in result.stdout.splitlines()]
    assert ids[:2] == ["no-primary-key", "implied-relationship"] and len(ids) == 13


def test_lint_of_the_bundled_example_without_opt_outs_matches_golden(coaching, golden):
    """The example with no [tool.docgen.lint]: only the column descriptions this repo's pyproject.toml opts out of."""
    result = run_docgen("lint", cwd=coaching)
    assert result.returncode == 1, result.stderr
    golden("coaching/lint.txt", result.stdout)


def test_this_repository_lints_clean_with_its_documented_opt_outs():
    result = run_docgen("lint", cwd=REPO)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == "lint: no findings (13 rule(s), 15 table(s))\n"


def test_the_guide_documents_every_rule_with_why_fix_and_silence():
    guide = (REPO / "docs" / "guide" / "lint.md").read_text(encoding="utf-8")
    for rule in RULES:
        section = guide.split(f"### `{rule}`\n", 1)[1].split("\n### ", 1)[0]
        for part in ("**Finds**", "**Why it matters:**", "**Fix:**", "**Silence:**"):
            assert part in section, f"{rule}: {part}"


def test_a_stale_note_is_annotated_at_its_line_in_the_notes_file(tmp_path):
    project = _shop(tmp_path, 'enable = ["stale-note"]')
    (project / "docs").mkdir()
    (project / "docs" / "schema-notes.md").write_text(
        "# Notes\n\n## customers\n\nWho buys.\n\n- `id`: row id\n\n## carts\n\nGone.\n", encoding="utf-8")
    result = run_docgen("lint", "--format", "github", cwd=project)
    assert result.returncode == 1, result.stderr
    assert result.stdout.splitlines() == [
        "::error file=docs/schema-notes.md,line=9,title=docgen lint%3A stale-note::the notes describe table carts, "
        "which is not in the schema (fix: delete the note, or move it to the table or column's new name)",
        "lint: 1 finding(s) in 1 table(s) (1 rule(s), 3 table(s))",
    ]
