"""The corpus: real model sets from PyPI, pinned, and how each one's MetaData is obtained.

Each case names the venv it runs in (venvs are shared where the pinned versions
agree, to save installs), the distribution whose version is reported, and a
small entry module, ``corpus_entry.py``, that gets the real ``MetaData`` the
way the project itself does (an app context, ``configure_mappers()`` for the
version tables SQLAlchemy-Continuum adds, an import of every model module)
and exposes it as ``metadata``. Only ``spatial`` is written here, to try the
column types of geoalchemy2, pgvector and sqlalchemy-utils; its types are not ours.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Venv:
    name: str
    requirements: tuple[str, ...]  # pinned, installed next to docgen (this checkout, editable)


@dataclass(frozen=True)
class Case:
    name: str
    venv: Venv
    package: str  # the distribution whose version the table shows
    entry: str  # source of corpus_entry.py, which defines ``metadata``
    env: dict[str, str] = field(default_factory=dict)  # values may use {project}


FLASK = Venv("flask", ("ihatemoney==7.2.1", "flask-appbuilder==5.3.0"))
# advanced-alchemy 1.12 and sqlalchemy-utils 0.43 still call APIs that SQLAlchemy 2.1 removed
CORE = Venv("core", (
    "SQLAlchemy==2.0.58",
    "buildbot==4.3.0",
    "optuna==5.0.0",
    "celery==5.7.0",
    "advanced-alchemy==1.12.0",
    "geoalchemy2==0.20.0",
    "pgvector==0.5.1",
    "sqlalchemy-utils==0.43.0",
))
DAGSTER = Venv("dagster", ("dagster==1.13.29",))
AIRFLOW = Venv("airflow", ("apache-airflow==3.3.2",))
ZENML = Venv("zenml", ("zenml[server]==0.98.0",))
# The big ones, 100 tables and more; MkDocs Material too: tests/test_real_sites.py builds their sites here.
GALAXY = Venv("galaxy", ("galaxy-data==26.1.2", "mkdocs-material==9.8.2"))
NEUTRON = Venv("neutron", ("neutron==29.0.0", "mkdocs-material==9.8.2"))

SPATIAL_ENTRY = '''\
"""Column types of geoalchemy2, pgvector and sqlalchemy-utils, as apps use them."""
import enum

import sqlalchemy as sa
from geoalchemy2 import Geography, Geometry, Raster
from pgvector.sqlalchemy import HALFVEC, Vector
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy_utils import (ChoiceType, EmailType, IPAddressType, JSONType, LtreeType,
                              ScalarListType, TSVectorType, URLType, UUIDType)


class Base(DeclarativeBase):
    pass


class Kind(enum.Enum):
    park = "park"
    shop = "shop"


class Place(Base):
    """A point of interest with its shape and an embedding of its description."""

    __tablename__ = "places"
    __table_args__ = (
        sa.Index("ix_places_embedding", "embedding", postgresql_using="hnsw",
                 postgresql_with={"m": 16}, postgresql_ops={"embedding": "vector_l2_ops"}),
        sa.Index("ix_places_open_kind", "kind", postgresql_where=sa.text("closed_at IS NULL")),
        sa.CheckConstraint("rating BETWEEN 0 AND 5", name="ck_places_rating"),
        {"comment": "Places shown on the map"},
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    public_id = mapped_column(UUIDType(binary=False), unique=True, nullable=False)
    name: Mapped[str] = mapped_column(sa.String(200), comment="Display name")
    kind = mapped_column(sa.Enum(Kind, native_enum=False, length=20, create_constraint=True), nullable=False)
    location = mapped_column(Geometry("POINT", srid=4326), nullable=False)
    area = mapped_column(Geography("POLYGON", srid=4326))
    elevation = mapped_column(Raster())
    embedding = mapped_column(Vector(384))
    thumbnail_embedding = mapped_column(HALFVEC(64))
    rating = mapped_column(sa.Integer, sa.CheckConstraint("rating >= 0"), nullable=True)
    contact = mapped_column(EmailType(120))
    website = mapped_column(URLType)
    tags = mapped_column(ScalarListType(str))
    search = mapped_column(TSVectorType("name"))
    closed_at = mapped_column(sa.DateTime(timezone=True))


class Visit(Base):
    __tablename__ = "visits"

    id: Mapped[int] = mapped_column(primary_key=True)
    place_id = mapped_column(sa.ForeignKey("places.id", ondelete="CASCADE", onupdate="RESTRICT"), nullable=False)
    client_ip = mapped_column(IPAddressType(50))
    path = mapped_column(LtreeType)
    status = mapped_column(ChoiceType([("ok", "OK"), ("bad", "Bad")], impl=sa.String(3)), server_default="ok")
    extra = mapped_column(JSONType)
    score = mapped_column(sa.Numeric(5, 2), sa.CheckConstraint("score >= 0", name="ck_visits_score"))


metadata = Base.metadata
'''

ADVANCED_ALCHEMY_ENTRY = '''\
"""advanced-alchemy's base classes and types, in the shape of its documentation's example."""
import datetime

import sqlalchemy as sa
from advanced_alchemy.base import BigIntAuditBase, UUIDAuditBase, UUIDv7Base, orm_registry
from advanced_alchemy.mixins import SlugKey, UniqueMixin
from advanced_alchemy.types import GUID, DateTimeUTC, EncryptedString, JsonB
from sqlalchemy.orm import Mapped, mapped_column, relationship


class Author(UUIDAuditBase):
    name: Mapped[str] = mapped_column(sa.String(100))
    dob: Mapped[datetime.date | None]
    books: Mapped[list["Book"]] = relationship(back_populates="author", lazy="selectin")


class Book(UUIDAuditBase):
    title: Mapped[str]
    author_id: Mapped[GUID] = mapped_column(sa.ForeignKey("author.id", ondelete="CASCADE"))
    author: Mapped[Author] = relationship(back_populates="books", lazy="joined")


class Tag(BigIntAuditBase, SlugKey, UniqueMixin):
    name: Mapped[str] = mapped_column(sa.String(64), unique=True)
    attributes: Mapped[dict] = mapped_column(JsonB, default=dict)


class Secret(UUIDv7Base):
    value: Mapped[str] = mapped_column(EncryptedString(key="corpus"))
    expires_at: Mapped[datetime.datetime] = mapped_column(DateTimeUTC)


metadata = orm_registry.metadata
'''

CASES = (
    Case("ihatemoney", FLASK, "ihatemoney", '''\
import sqlalchemy as sa
from ihatemoney.models import db

sa.orm.configure_mappers()  # SQLAlchemy-Continuum adds the *_version tables here
metadata = db.metadata
'''),
    Case("flask-appbuilder", FLASK, "flask-appbuilder", '''\
import flask_appbuilder.security.sqla.models  # noqa: F401  users, roles, permissions, API keys
from flask_appbuilder.models.sqla import Model

metadata = Model.metadata
'''),
    Case("buildbot", CORE, "buildbot", '''\
from buildbot.db.model import Model

metadata = Model.metadata
'''),
    Case("optuna", CORE, "optuna", '''\
from optuna.storages._rdb.models import BaseModel

metadata = BaseModel.metadata
'''),
    Case("celery", CORE, "celery", '''\
from celery.backends.database.models import ResultModelBase

metadata = ResultModelBase.metadata
'''),
    Case("advanced-alchemy", CORE, "advanced-alchemy", ADVANCED_ALCHEMY_ENTRY),
    Case("spatial", CORE, "geoalchemy2", SPATIAL_ENTRY),
    Case("dagster", DAGSTER, "dagster", '''\
import sqlalchemy as sa
from dagster._core.storage.event_log.schema import SqlEventLogStorageMetadata
from dagster._core.storage.runs.schema import RunStorageSqlMetadata
from dagster._core.storage.schedules.schema import ScheduleStorageSqlMetadata

# dagster keeps runs, event logs and schedules in three MetaData (often one database);
# a table two of them define (secondary_indexes) is taken once, from the first
metadata = sa.MetaData()
for part in (RunStorageSqlMetadata, SqlEventLogStorageMetadata, ScheduleStorageSqlMetadata):
    for table in part.sorted_tables:
        if table.key not in metadata.tables:
            table.to_metadata(metadata)
'''),
    Case("airflow", AIRFLOW, "apache-airflow", '''\
import airflow.models
from airflow.models.base import Base

airflow.models.import_all_models()
metadata = Base.metadata
''', env={"AIRFLOW_HOME": "{project}/airflow-home"}),
    Case("zenml", ZENML, "zenml", '''\
import zenml.zen_stores.schemas  # noqa: F401  every SQLModel table of the ZenML server
from sqlmodel import SQLModel

metadata = SQLModel.metadata
'''),
)
BIG_SITES = (
    Case("galaxy", GALAXY, "galaxy-data", '''\
import galaxy.model  # every table of the Galaxy server, one module

metadata = galaxy.model.mapper_registry.metadata
'''),
    Case("neutron", NEUTRON, "neutron", '''\
from neutron.db.migration.models import head  # every model module of neutron, as its migrations see them

metadata = head.get_metadata()
'''),
)
CASES += BIG_SITES
