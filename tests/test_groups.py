"""Groups: a big schema read part by part — configured or derived from the models' modules, a page per
group with its diagram, the index and DATABASE_SCHEMA.md by group, hub diagrams capped."""

from __future__ import annotations

import re

import pytest
from conftest import mermaid_blocks, run_docgen, write_project

# A package of models in three modules: shop/models/{billing,catalog}.py and shop/models/people/__init__.py.
BASE = "from sqlalchemy.orm import DeclarativeBase\n\n\nclass Base(DeclarativeBase):\n    pass\n"
HEAD = "from sqlalchemy import ForeignKey\nfrom sqlalchemy.orm import Mapped, mapped_column\n\nfrom shop.models.base import Base\n"


def _model(cls: str, table: str, *parents: str) -> str:
    fks = "".join(f'    {p}_id: Mapped[int] = mapped_column(ForeignKey("{p}.id"))\n' for p in parents)
    return f'\n\nclass {cls}(Base):\n    __tablename__ = "{table}"\n    id: Mapped[int] = mapped_column(primary_key=True)\n{fks}'


SHOP = {
    "shop/__init__.py": "",
    "shop/models/__init__.py": "from . import billing, catalog, people  # noqa: F401\nfrom .base import Base  # noqa: F401\n",
    "shop/models/base.py": BASE,
    "shop/models/people/__init__.py": HEAD + _model("User", "users") + _model("Team", "teams", "users"),
    "shop/models/billing.py": HEAD + _model("Invoice", "invoices", "users") + _model("Payment", "payments", "invoices")
    + _model("Refund", "refunds", "payments"),
    "shop/models/catalog.py": HEAD + _model("Product", "products") + _model("Price", "prices", "products")
    + _model("Review", "reviews", "products", "users"),
}


def _shop(tmp_path, extra: str = ""):
    return write_project(tmp_path / "shop", f'models = "shop.models:Base"\n{extra}', SHOP)


def test_tables_are_grouped_by_the_module_their_model_lives_in(tmp_path):
    project = _shop(tmp_path)
    assert run_docgen("build", cwd=project).returncode == 0
    groups = project / "docs" / "schema" / "groups"
    assert sorted(p.name for p in groups.iterdir()) == ["billing.md", "catalog.md", "people.md"]
    billing = (groups / "billing.md").read_text()
    assert "[invoices](../invoices.md)" in billing and "[refunds](../refunds.md)" in billing
    assert "products" not in billing
    (diagram,) = mermaid_blocks(billing)
    assert '"users"\n' in diagram  # the outside neighbour, a compact box
    assert '"users" ||..o{ "invoices"' in diagram
    index = (project / "docs" / "schema" / "index.md").read_text()
    assert [h for h in re.findall(r"^## .*", index, re.M)] == [
        "## Groups", '## <a id="billing-group"></a>billing', '## <a id="catalog-group"></a>catalog',
        '## <a id="people-group"></a>people', "## ER diagram"]
    groups_map = mermaid_blocks(index)[0]
    assert '"people" ||..o{ "billing" : "1 foreign key"' in groups_map
    assert '"people" ||..o{ "catalog" : "1 foreign key"' in groups_map
    page = (project / "docs" / "schema" / "payments.md").read_text()
    assert "Its group: [billing](groups/billing.md)." in page


def test_configured_groups_come_first_and_the_document_follows_them(tmp_path):
    project = _shop(tmp_path, '[tool.docgen.groups.money]\ndescription = "Where the *money* goes."\n'
                              'tables = ["invoices", "pay*", "refunds", "prices"]\n')
    assert run_docgen("build", cwd=project).returncode == 0
    document = (project / "docs" / "DATABASE_SCHEMA.md").read_text()
    headings = re.findall(r'^### <a id="([^"]+)"></a>', document, re.M)
    assert headings == ["money-group", "catalog-group", "people-group"]
    assert "4 tables. Where the *money* goes." in document
    money = (project / "docs" / "schema" / "groups" / "money.md").read_text()
    assert "[prices](../prices.md)" in money
    assert not (project / "docs" / "schema" / "groups" / "billing.md").exists()


def test_a_group_that_is_gone_has_its_page_deleted_and_check_says_so(tmp_path):
    project = _shop(tmp_path)
    assert run_docgen("build", cwd=project).returncode == 0
    pyproject = project / "pyproject.toml"
    pyproject.write_text(pyproject.read_text() + '[tool.docgen.groups.all]\ntables = ["*"]\n')
    check = run_docgen("check", cwd=project)
    assert check.returncode == 1
    assert "docs/schema/groups/billing.md" in check.stdout + check.stderr
    assert run_docgen("build", cwd=project).returncode == 0
    assert not (project / "docs" / "schema" / "groups").exists() or not any((project / "docs/schema/groups").iterdir())
    assert run_docgen("check", cwd=project).returncode == 0


@pytest.mark.parametrize("table, message", [
    ('[tool.docgen.groups.x]\ntables = ["a"]\ncolour = "red"\n', "groups.x: unknown key 'colour'"),
    ('[tool.docgen.groups.x]\ntables = ["a[bc"]\n', "groups.x: 'a[bc' is not a glob"),
    ('[tool.docgen.groups.x]\ndescription = "no tables"\n', "groups.x: tables must be a non-empty list"),
    ('[tool.docgen.groups]\nx = "users"\n', "groups.x must be a table"),
    ('[tool.docgen.groups.x]\ntables = ["a"]\ndescription = 3\n', "groups.x: description must be a string"),
])
def test_a_bad_group_is_one_error_line_and_nothing_written(tmp_path, table, message):
    project = _shop(tmp_path, table)
    result = run_docgen("build", cwd=project)
    assert result.returncode == 2
    assert message in result.stderr and len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert not (project / "docs").exists()


HUB = '''\
import sqlalchemy as sa

metadata = sa.MetaData()
hub = sa.Table("accounts", metadata, sa.Column("id", sa.Integer, primary_key=True))
for n in range(40):
    sa.Table(f"child_{n:02}", metadata, sa.Column("id", sa.Integer, primary_key=True),
             sa.Column("account_id", sa.Integer, sa.ForeignKey("accounts.id")))
'''


def test_a_hubs_diagram_shows_its_nearest_tables_and_links_the_rest(tmp_path):
    project = write_project(tmp_path / "hub", 'models = "hub:metadata"', {"hub.py": HUB})
    assert run_docgen("build", cwd=project).returncode == 0
    page = (project / "docs" / "schema" / "accounts.md").read_text()
    (diagram,) = mermaid_blocks(page)
    assert len(re.findall(r'^    "[^"]+"(?: {)?$', diagram, re.M)) == 13  # the hub and its 12 nearest neighbours
    assert '"child_11"' in diagram and '"child_12"' not in diagram
    assert "Also linked to 28 more tables: [child_12](child_12.md), " in page
    assert page.rstrip().endswith("[child_39](child_39.md).")


ROLES = '''\
from sqlalchemy import Column, Integer
from sqlalchemy.orm import DeclarativeBase


class Base(DeclarativeBase):
    pass


class Job(Base):
    """A run of :class:`~pkg.models.Task`, started by :py:meth:`start <pkg.Runner.start>`; see ``jobs.state``."""

    __tablename__ = "jobs"
    id = Column(Integer, primary_key=True, doc="Set by :func:`pkg.ids.next_id`.")
'''


def test_rest_roles_in_docstrings_read_as_code_not_markup(tmp_path):
    project = write_project(tmp_path / "roles", 'models = "roles:Base"', {"roles.py": ROLES})
    assert run_docgen("build", cwd=project).returncode == 0
    page = (project / "docs" / "schema" / "jobs.md").read_text()
    assert "A run of <code>Task</code>, started by <code>start</code>; see <code>jobs.state</code>." in page
    assert "Set by <code>pkg.ids.next\\_id</code>." in page or "Set by <code>pkg.ids.next_id</code>." in page
    assert ":class:" not in page and ":func:" not in page


def test_a_view_without_a_model_class_joins_the_group_of_the_tables_it_reads(coaching):
    """open_tasks (a view the models create by DDL) reads tasks and goals: it is listed with them."""
    pyproject = coaching / "pyproject.toml"
    pyproject.write_text(pyproject.read_text() + '[tool.docgen.groups.planning]\ntables = ["goals", "tasks"]\n'
                         '[tool.docgen.groups.people]\ntables = ["users"]\n')
    assert run_docgen("build", cwd=coaching).returncode == 0
    groups = coaching / "docs" / "schema" / "groups"
    assert "[open_tasks](../open_tasks.md) (view)" in (groups / "planning.md").read_text()
    assert "Its group: [planning](groups/planning.md)." in (coaching / "docs" / "schema" / "open_tasks.md").read_text()
    assert "open_tasks" not in (groups / "tables.md").read_text()  # the other tables


def test_tables_of_one_module_are_grouped_by_their_names_first_word_with_the_table_of_that_name(tmp_path):
    """Galaxy's shape: every model in one module; ``job`` leads the ``job`` group, not ``other``."""
    names = ["job", "job_parameter", "job_state", "history", "history_item", "history_tag", "users", "settings"]
    models = "import sqlalchemy as sa\n\nmetadata = sa.MetaData()\n" + "".join(
        f'sa.Table("{n}", metadata, sa.Column("id", sa.Integer, primary_key=True))\n' for n in names)
    project = write_project(tmp_path / "app", 'models = "app_models:metadata"', {"app_models.py": models})
    assert run_docgen("build", cwd=project).returncode == 0
    groups = project / "docs" / "schema" / "groups"
    assert sorted(p.name for p in groups.iterdir()) == ["history.md", "job.md", "other.md"]
    job = (groups / "job.md").read_text()
    assert "The tables named job or job\\_…" in job
    assert all(f"[{n}](../{n}.md)" in job for n in ("job", "job_parameter", "job_state"))
    assert "[users](../users.md)" in (groups / "other.md").read_text()


def test_an_installed_package_is_grouped_where_its_modules_divide_it(tmp_path):
    """Models from outside the project (an installed package, as a corpus case documents it): by module too. One
    level below the shared package, ``db`` holds 6 of 7 tables; two levels below divides them usefully."""
    head = "from sqlalchemy import ForeignKey\nfrom sqlalchemy.orm import Mapped, mapped_column\n\nfrom netpkg.db.base import Base\n"
    installed = write_project(tmp_path / "site-packages", "", {
        "netpkg/__init__.py": "",
        "netpkg/db/__init__.py": "",
        "netpkg/db/base.py": BASE,
        "netpkg/db/models/__init__.py": "from . import networks, ports  # noqa: F401\n",
        "netpkg/db/models/networks.py": head + _model("Network", "networks") + _model("Subnet", "subnets", "networks"),
        "netpkg/db/models/ports.py": head + _model("Port", "ports", "networks") + _model("Binding", "bindings", "ports"),
        "netpkg/db/qos.py": head + _model("Policy", "policies") + _model("Rule", "rules", "policies"),
        "netpkg/plugins/__init__.py": "",
        "netpkg/plugins/ml2.py": head + _model("Segment", "segments", "networks"),
        "netpkg/head.py": "from netpkg.db import models, qos  # noqa: F401\nfrom netpkg.plugins import ml2  # noqa: F401\n"
                          "from netpkg.db.base import Base  # noqa: F401\n",
    })
    project = write_project(tmp_path / "docs-project", 'models = "netpkg.head:Base"')
    result = run_docgen("build", cwd=project, env={"PYTHONPATH": str(installed)})
    assert result.returncode == 0, result.stderr
    groups = project / "docs" / "schema" / "groups"
    assert sorted(p.name for p in groups.iterdir()) == ["ml2.md", "models.md", "qos.md"]
    assert "The tables whose models are in qos." in (groups / "qos.md").read_text()
    assert "[bindings](../bindings.md)" in (groups / "models.md").read_text()
