"""The ``docgen`` MkDocs plugin: the schema docs generated into the site when it is built.

For sites that do not commit the generated pages. With ``plugins: [docgen]`` in
mkdocs.yml, ``mkdocs build`` reads ``[tool.docgen]`` from the nearest
pyproject.toml (searched from mkdocs.yml's directory; the plugin option
``config`` names another), plans DATABASE_SCHEMA.md and the table pages exactly
as ``docgen build`` does (same templates, same text) and puts them into the
build. Nothing is written into ``docs_dir``: fresh files there stay as they
are, stale ones are replaced in the build by the planned text, pages of tables
that are gone are left out. ``mkdocs serve`` watches the models' package, the
notes file and the templates, and imports the models afresh for each rebuild.
"""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

from mkdocs.config import config_options
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files

from . import config as config_module
from .errors import UsageError
from .pipeline import load_schema
from .plan import plan


class DocgenConfig(config_options.Config):
    config = config_options.Optional(config_options.File(exists=True))  # pyproject.toml with [tool.docgen]


class DocgenPlugin(BasePlugin[DocgenConfig]):
    def __init__(self) -> None:
        self.watched: list[Path] = []

    def on_files(self, files: Files, *, config) -> Files:
        docs_dir = Path(config.docs_dir).resolve()
        try:
            cfg = self._docgen_config(config)
            _forget_models(cfg.models)
            the_plan = plan(load_schema(cfg), cfg)
        except UsageError as exc:
            raise PluginError(f"docgen: {exc}") from None
        for path, text in the_plan.writes.items():
            if path == cfg.output or path.parent == cfg.pages_dir:  # not the notes file an adoption would write
                _replace(files, _in_docs(path, docs_dir), File.generated(config, _in_docs(path, docs_dir), content=text))
        for path in the_plan.deletes:
            _replace(files, _in_docs(path, docs_dir), None)
        self.watched = [p for p in (*_models_paths(cfg.models), cfg.notes, cfg.templates) if p and p.exists()]
        return files

    def on_serve(self, server, *, config, builder):
        for path in self.watched:
            server.watch(str(path))
        return server

    def _docgen_config(self, config) -> config_module.Config:
        here = Path(config.config_file_path or ".").resolve().parent
        pyproject = Path(self.config.config).resolve() if self.config.config else None
        return config_module.load(pyproject, here, {})


def _in_docs(path: Path, docs_dir: Path) -> str:
    """``path`` as a file of the site (relative to ``docs_dir``, with ``/``)."""
    try:
        return path.resolve().relative_to(docs_dir).as_posix()
    except ValueError:
        raise PluginError(f"docgen: {path} is outside docs_dir {docs_dir}: set output and pages-dir inside it") from None


def _replace(files: Files, src_uri: str, new: File | None) -> None:
    old = files.get_file_from_path(src_uri)
    if old is not None:
        files.remove(old)
    if new is not None:
        files.append(new)


def _forget_models(models: str | None) -> None:
    """Drop the models' top-level package from the import cache: a rebuild sees the edited models."""
    if not models:
        return
    top = models.partition(":")[0].split(".")[0]
    for name in [n for n in sys.modules if n == top or n.startswith(top + ".")]:
        del sys.modules[name]
    importlib.invalidate_caches()


def _models_paths(models: str | None) -> list[Path]:
    """The directories of the models' top-level package (a namespace package may have several), or the
    module's file when it is a plain module; once imported."""
    module = sys.modules.get(models.partition(":")[0].split(".")[0]) if models else None
    paths = getattr(module, "__path__", None)
    if paths is not None:
        return [Path(path) for path in paths]
    file = getattr(module, "__file__", None)
    return [Path(file)] if file else []
