"""The site at scale: ``docgen build`` and ``mkdocs build`` time on a synthetic schema, and the
bytes a reader's browser loads for a table page, a group page and a page without a diagram.

    python -m benchmarks.site [--page] [TABLES ...]     # default: 1000

With ``--page`` the table also goes onto docs/performance.md, section "The site" (replaced, or
added at the end: ``make bench`` runs this after ``benchmarks.run``, which writes the page anew).

The project is ``benchmarks.generate``'s, its site the guide's minimal ``mkdocs.yml``
(``plugins: [search, docgen]``). Times are wall and CPU (user + system) of one run each; bytes are
what Chromium (Debian's, driven by Playwright) received from the local server, every request counted.
Prints a Markdown table (docs/performance.md, "The site").
"""

from __future__ import annotations

import functools
import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from benchmarks.generate import generate
from benchmarks.table import write_section
from docgen.outputs.site import MINIMAL_MKDOCS_YML

CHROMIUM = os.environ.get("DOCGEN_TEST_CHROMIUM", "/usr/bin/chromium")


def timed(argv: list[str], cwd: Path) -> tuple[float, float]:
    """(wall seconds, CPU seconds of the child) of running ``argv`` in ``cwd``."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(argv, cwd=cwd, check=True, capture_output=True,
                   env={**os.environ, "DISABLE_MKDOCS_2_WARNING": "true", "NO_MKDOCS_2_WARNING": "1"})
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def page_bytes(site: Path, paths: list[str]) -> dict[str, tuple[int, int]]:
    """Per path: (bytes received, requests) when Chromium opens it, its diagrams drawn."""
    from playwright.sync_api import sync_playwright

    handler = functools.partial(_Quiet, directory=str(site))
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{httpd.server_address[1]}"
    found = {}
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--headless", "--no-sandbox"])
            for path in paths:
                context = browser.new_context(viewport={"width": 1440, "height": 900})
                context.route("**/*", lambda route: route.continue_() if route.request.url.startswith(url)
                              else route.abort())
                tab = context.new_page()
                sizes: list[int] = []
                tab.on("requestfinished", lambda request: sizes.append(request.sizes()["responseBodySize"]))
                tab.goto(url + path)
                tab.wait_for_load_state("networkidle")
                if tab.locator("pre.docgen-mermaid, .docgen-diagram").count():
                    tab.locator(".docgen-diagram svg").first.wait_for(timeout=120_000)
                found[path] = (sum(sizes), len(sizes))
                context.close()
            browser.close()
    finally:
        httpd.shutdown()
    return found


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        pass


SECTION = """## The site

`docgen build` and `mkdocs build --strict` of a generated schema, with the guide's minimal
`mkdocs.yml` (`plugins: [search, docgen]`); then the bytes Chromium receives from a local server
when it opens a table's page, a group's page (their diagrams drawn) and the home page, which has no
diagram and so loads no Mermaid. Most of a page's bytes are the search index, which Material's search
loads on every page (a search entry per table and per column), and on a page with a diagram Mermaid.
Wall time depends on what else the machine runs; CPU time is steadier. Measured with `{command}` (one run each: wall and CPU seconds).

"""


def main(argv: list[str]) -> int:
    page = "--page" in argv
    counts = [int(a) for a in argv if a != "--page"] or [1000]
    bindir = Path(sys.executable).parent
    lines = ["| Tables | docgen build (s) | CPU (s) | mkdocs build (s) | CPU (s) | Site (MiB) | Table page | Group page | Page without a diagram |",
             "| -----: | ---: | ---: | ---: | ---: | ---: | --- | --- | --- |"]
    for n in counts:
        with tempfile.TemporaryDirectory() as tmp:
            root = Path(tmp) / "project"
            generate(n, root)
            (root / "mkdocs.yml").write_text(MINIMAL_MKDOCS_YML.format(name="benchmark"))
            (root / "docs").mkdir(exist_ok=True)
            (root / "docs" / "index.md").write_text("# Benchmark\n\nThe [schema](DATABASE_SCHEMA.md).\n")
            build = timed([str(bindir / "docgen"), "build", "--quiet"], root)
            site = timed([str(bindir / "mkdocs"), "build", "--strict", "--site-dir", "site"], root)
            size = sum(p.stat().st_size for p in (root / "site").rglob("*") if p.is_file()) / 2**20
            table = sorted((root / "docs" / "schema").glob("t*.md"))[0].stem
            group = sorted((root / "docs" / "schema" / "groups").glob("*.md"))[0].stem
            loads = page_bytes(root / "site", [f"/schema/{table}/", f"/schema/groups/{group}/", "/"])
            shown = [f"{b / 1024:,.0f} KiB in {r} requests" for b, r in loads.values()]
            lines.append(f"| {n:,} | {build[0]:.1f} | {build[1]:.1f} | {site[0]:.1f} | {site[1]:.1f} | {size:.0f} | "
                         + " | ".join(shown) + " |")
            print(lines[-1], file=sys.stderr)
    table = "\n".join(lines) + "\n"
    print(table, end="")
    if page:
        write_section("site", SECTION.format(command=" ".join(["python -m benchmarks.site", *argv])) + table)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
