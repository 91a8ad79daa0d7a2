"""The quality commands: ``lint`` (schema rules) and ``coverage`` (the share of the schema described)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .. import write
from ..formats import FORMATS
from ..pipeline import load_schema
from . import options
from .exits import EXIT_STALE, echo, usage_errors_fail


@click.command("lint")
@options.measuring
@options.format_option("lint")
@click.option("--enable", multiple=True, metavar="RULE", help="Run only this rule (repeatable).")
@click.option("--disable", multiple=True, metavar="RULE", help="Do not run this rule (repeatable).")
@click.option("--min-description-length", type=click.IntRange(min=1),
              help="Descriptions shorter than this many characters count as missing (default: 1).")
@click.option("--list-rules", is_flag=True, help="List the rules (id and what each finds) and exit.")
@click.option("--baseline", "baseline_path", type=click.Path(path_type=Path, dir_okay=False), metavar="FILE",
              help="Accept the findings recorded in FILE: report and fail on new ones only (config: baseline).")
@click.option("--write-baseline", type=click.Path(path_type=Path, dir_okay=False), metavar="FILE",
              help="Record today's findings in FILE as accepted, and exit 0.")
@usage_errors_fail
def lint_command(config_path, output_format, enable, disable, min_description_length, list_rules, baseline_path,
                 write_baseline, **flags):
    """Check the schema against quality rules; exit 1 when there are findings.

    Rules, options and what they ignore are set under [tool.docgen.lint];
    a table or column opts out with info={"docgen": {"lint-ignore": [RULE, ...]}}.
    On an existing schema, record today's findings with --write-baseline FILE,
    then --baseline FILE fails on new findings only.
    Exit codes: 0 no findings (or none new), 1 findings, 2 usage or input error.
    """
    from ..lint import baseline, engine, locate, settings
    from ..lint.registry import RULES

    if list_rules:
        for rule in RULES.values():
            click.echo(f"{rule.id}: {rule.summary}")
        return
    cfg = options.config_from(config_path, **flags)
    chosen_options = {"min-description-length": min_description_length} if min_description_length else {}
    chosen = settings.read(cfg.lint, tuple(enable), tuple(disable), chosen_options)
    schema = load_schema(cfg)
    findings = engine.lint(schema, chosen, options.notes_of(cfg), cfg.relative(cfg.notes))
    if write_baseline:
        write.replace(write_baseline, baseline.text(findings).encode())
        click.echo(f"wrote {len(findings)} finding(s) to {write_baseline}: docgen lint --baseline {write_baseline} "
                   "now fails on new findings only")
        return
    path = baseline_path or (cfg.root / chosen.baseline if chosen.baseline else None)
    if path is not None:
        shown = str(baseline_path) if baseline_path else chosen.baseline
        checked = baseline.check(findings, baseline.read(path, shown))
        findings = list(checked.new)
        fixed = f"; {checked.fixed} entry(ies) no longer found (rewrite it with --write-baseline)" if checked.fixed else ""
        click.echo(f"lint: {checked.accepted} finding(s) accepted by the baseline {shown}{fixed}", err=True)
    locator = locate.Locator(cfg.root, schema.lint.classes)
    echo(FORMATS[output_format].lint(findings, chosen.rules, len(schema.tables), locator))
    if findings:
        sys.exit(EXIT_STALE)


@click.command("coverage")
@options.measuring
@options.format_option("coverage")
@click.option("--min", "minimum", type=click.FloatRange(0, 100), metavar="PCT",
              help="Exit 1 when the overall coverage is below PCT percent.")
@usage_errors_fail
def coverage_command(config_path, output_format, minimum, **flags):
    """Show the share of tables and columns with a description; with --min, exit 1 below it.

    A description is a comment, a model class docstring (tables), doc= (columns)
    or a note. The overall figure is described tables and columns over all
    tables and columns. Exit codes: 0 done, 1 below --min, 2 usage or input error.
    """
    from ..lint import coverage

    cfg = options.config_from(config_path, **flags)
    measured = coverage.measure(load_schema(cfg), options.notes_of(cfg))
    echo(FORMATS[output_format].coverage(measured, minimum))
    if coverage.below(measured, minimum):
        click.echo(f"coverage {measured.percent:.1f}% is below the minimum {minimum:g}%", err=True)
        sys.exit(EXIT_STALE)
