"""Run the selected rules on one context (importing checks.rules registers every rule)."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

from ..model import Finding
from ..options import Options
from . import rules as _rules  # noqa: F401  (importing registers the rules)
from .context import CheckContext
from .registry import Rule, registered, selected


def all_rules() -> list[type[Rule]]:
    """Every rule, in code order."""
    return registered()


def ran(options: Options) -> list[str]:
    """The codes of the rules a run's options select."""
    return [r.code for r in selected(registered(), options.select, options.ignore)]


def run_rules(ctx: CheckContext) -> Iterator[Finding]:
    """The findings of the rules `ctx.options` selects, rule by rule in code order, with the
    severity `ctx.options.severity` sets for a rule, if any."""
    for rule_cls in selected(registered(), ctx.options.select, ctx.options.ignore):
        override = ctx.options.severity_of(rule_cls.code, rule_cls.name)
        for f in rule_cls().check(ctx):
            yield f if override is None or override is f.severity else dataclasses.replace(f, severity=override)
