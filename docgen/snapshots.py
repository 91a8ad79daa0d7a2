"""The schemas ``docgen diff`` compares: a snapshot, a database, the models now, or the models at a git revision.

``models`` is the project's models as the working tree has them (its
``[tool.docgen]`` configuration). ``git:REV`` is the project's models as
committed at ``REV``: the commit is extracted (``git archive``) into a
temporary directory and read there by a separate docgen process with that
revision's own configuration, so two versions of one package are never
imported into one interpreter and the working tree is never touched. That
process refuses a result that imported a project file from the working tree
instead (an editable install, a ``PYTHONPATH``): comparing the working tree
with itself would be a false "no change".
"""

from __future__ import annotations

import dataclasses
import json
import os
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

from . import config, files, pipeline
from .cache import key
from .errors import UsageError
from .model import JSON_FORMAT, Schema

MODELS, GIT = "models", "git:"


def load(source: str, cwd: Path) -> Schema:
    """The schema ``source`` names (``docgen diff OLD NEW``)."""
    if source == MODELS:
        return pipeline.load_schema(_models_config(cwd))
    if source.startswith(GIT):
        return _at_revision(source, source[len(GIT):], cwd)
    if "://" in source:
        return pipeline.load_database_snapshot(source, cwd)
    data = files.read_bytes(cwd / source, source)
    if data is None:
        raise UsageError(f"{source}: no such file (give a `docgen inspect --json` snapshot, a database URL, "
                         f"{MODELS} or {GIT}REV)")
    try:
        snapshot = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise UsageError(f"{source}: cannot read it as JSON: {exc}") from None
    _refuse_another_format(source, snapshot)
    try:
        return Schema.from_dict(snapshot)
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise UsageError(f"{source}: not a `docgen inspect --json` snapshot ({type(exc).__name__}: {exc})") from None


def _refuse_another_format(source: str, snapshot: object) -> None:
    """A snapshot another docgen wrote in another format is refused with what to do: make it again (a
    snapshot has no record of the facts its format did not hold, so reading it would report them all changed)."""
    made = snapshot.get("format") if isinstance(snapshot, dict) else None
    if type(made) is int and made != JSON_FORMAT:
        which = "an older" if made < JSON_FORMAT else "a newer"
        raise UsageError(f"{source}: a snapshot of format {made}, written by {which} docgen (this one reads format "
                         f"{JSON_FORMAT}): make it again with this docgen's `docgen inspect --json`, or compare "
                         f"{GIT}REV, which reads the models at that revision")


def _models_config(cwd: Path) -> config.Config:
    cfg = config.load(None, cwd, {})
    if not cfg.models:
        raise UsageError("no models in [tool.docgen] of pyproject.toml (set models = \"package.module:Base\")")
    return dataclasses.replace(cfg, database_url=None)


def _git(cwd: Path, *arguments: str, failure: str | None = None) -> bytes:
    """What git prints; a failure is the last line git said (``failure`` when it said nothing)."""
    try:
        done = subprocess.run(["git", *arguments], cwd=cwd, capture_output=True, check=False)
    except FileNotFoundError:
        raise UsageError("git:REV needs git, which is not installed") from None
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise UsageError(message[-1] if message else failure or f"git {arguments[0]} failed")
    return done.stdout


def _at_revision(source: str, revision: str, cwd: Path) -> Schema:
    if not revision or revision.startswith("-"):
        raise UsageError(f"{source}: name a revision after git: (git:main, git:HEAD~1, git:v1.2)")
    toplevel = Path(_git(cwd, "rev-parse", "--show-toplevel").decode().strip())
    commit = _git(cwd, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{revision}^{{commit}}",
                  failure=f"{source}: no such revision in {toplevel}").strip()
    if not hasattr(tarfile, "data_filter"):
        raise UsageError(f"{source}: needs Python 3.11.4 or newer (for a safe extraction of the revision)")
    project = cwd.resolve().relative_to(toplevel.resolve())
    with tempfile.TemporaryDirectory(prefix="docgen-revision-") as temporary:
        checkout = Path(temporary) / "tree"
        archive = Path(temporary) / "tree.tar"
        archive.write_bytes(_git(cwd, "archive", "--format=tar", commit.decode()))
        with tarfile.open(archive) as tar:
            tar.extractall(checkout, filter="data")  # refuses links and paths that leave the directory
        if not (checkout / project).is_dir():
            raise UsageError(f"{source}: {project} does not exist at that revision")
        done = subprocess.run([sys.executable, "-m", "docgen.snapshots", str(toplevel)], cwd=checkout / project,
                              capture_output=True, check=False, env={**os.environ, "PYTHONSAFEPATH": "1"})
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise UsageError(f"{source}: {message[-1] if message else 'reading the models failed'}")
    return Schema.from_dict(json.loads(done.stdout))


def _print_models_of_this_directory(working_tree: str) -> None:
    """In the process :func:`_at_revision` starts: the schema of the models here, as JSON on stdout."""
    cfg = dataclasses.replace(_models_config(Path.cwd()), cache="off")
    schema = pipeline.load_schema(cfg)
    ours, working_tree = str(Path(__file__).resolve().parent), os.path.realpath(working_tree)
    strays = [f for f in key.loaded_files(cfg.root)[0]  # real paths
              if key.inside(f, working_tree) and not key.inside(f, ours)]
    if strays:
        raise UsageError(f"the models imported {os.path.relpath(strays[0], working_tree)} from the working tree, "
                         "not from the revision (an editable install or PYTHONPATH of the project?)")
    sys.stdout.write(json.dumps(schema.to_dict()))


if __name__ == "__main__":
    try:
        _print_models_of_this_directory(sys.argv[1])
    except UsageError as error:
        print(error, file=sys.stderr)
        sys.exit(2)
