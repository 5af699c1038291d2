"""Command line: parse arguments, run a stage, turn errors into messages and exit codes."""

from __future__ import annotations

import argparse
import json
import sys
import traceback
from pathlib import Path

from .commands import build as builder
from .commands.inspect import inspect
from .commands.refresh import run_refresh
from .dossiers.schema import Dossier
from .errors import Diagnostic, MuseumError, ValidationFailed
from .project import Project


def _parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--root", type=Path, default=argparse.SUPPRESS, help="the museum's folder (default: current folder)"
    )
    common.add_argument(
        "--debug", action="store_true", default=argparse.SUPPRESS, help="show a traceback on unexpected errors"
    )
    parser = argparse.ArgumentParser(
        prog="museum", description="Build the Model Museum static site from YAML dossiers."
    )
    parser.add_argument("--root", type=Path, default=Path("."), help="the museum's folder (default: current folder)")
    parser.add_argument("--debug", action="store_true", help="show a traceback on unexpected errors")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    build = sub.add_parser("build", parents=[common], help="validate everything and write the site (the default)")
    build.add_argument("--out", type=Path, default=None, help="output folder (default: ROOT/_site)")
    build.add_argument("--strict", action="store_true", help="treat warnings as errors")
    check = sub.add_parser("check", parents=[common], help="validate the dossiers without writing anything")
    check.add_argument("--strict", action="store_true", help="treat warnings as errors")
    sub.add_parser("schema", parents=[common], help="print the dossier JSON Schema (for editors)")
    hub = sub.add_parser("hub", parents=[common], help="config.json snapshots from the Hugging Face Hub")
    hub_sub = hub.add_subparsers(dest="hub_command", metavar="ACTION", required=True)
    refresh = hub_sub.add_parser(
        "refresh", parents=[common], help="fetch config.json for each variant and update the snapshots"
    )
    refresh.add_argument("slugs", nargs="*", metavar="SLUG", help="only these dossiers (default: all)")
    refresh.add_argument("--check", action="store_true", help="only report drift; write nothing (exit 1 on drift)")
    inspect_ = sub.add_parser("inspect", parents=[common], help="the anatomy of any model from its config.json")
    inspect_.add_argument("target", metavar="REPO_ID|PATH", help="a Hub repo id (owner/name) or a path to config.json")
    inspect_.add_argument("--revision", default=None, help="branch, tag or commit on the Hub (default: main)")
    inspect_.add_argument("--json", action="store_true", help="print one JSON object")
    return parser


def _print(diagnostics: list[Diagnostic]) -> None:
    for d in diagnostics:
        print(d, file=sys.stderr)


def run(args: argparse.Namespace) -> int:
    project = Project(args.root)
    command = args.command or "build"
    if command == "schema":
        print(json.dumps(Dossier.model_json_schema(), indent=2))
        return 0
    if command == "inspect":
        print(inspect(args.target, args.revision, args.json))
        return 0
    if command == "hub":
        text, status = run_refresh(project, args.slugs, args.check)
        print(text)
        return status
    if command == "check":
        warnings = builder.check(project, strict=args.strict)
        _print(warnings)
        print(f"ok: {len(project.dossier_paths())} dossiers are valid")
        return 0
    out = getattr(args, "out", None)
    report = builder.build(project, out, strict=getattr(args, "strict", False))
    _print(report.warnings)
    print(f"built {(out or project.site)}: {report.pages} pages; figures: {report.figures_drawn} drawn, "
          f"{report.figures_reused} from the cache")  # fmt: skip
    return 0


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        return run(args)
    except ValidationFailed as exc:
        _print(exc.diagnostics)
        errors = sum(d.is_error for d in exc.diagnostics)
        print(f"{errors} error(s), {len(exc.diagnostics) - errors} warning(s): nothing was written", file=sys.stderr)
        return 1
    except MuseumError as exc:
        _print(exc.diagnostics)
        return 1
    except BrokenPipeError:  # output piped into `head`
        return 0
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # a bug, not bad input: say so plainly
        if args.debug:
            traceback.print_exc()
        else:
            print(
                f"museum: internal error: {type(exc).__name__}: {exc} (run with --debug for details)", file=sys.stderr
            )
        return 2
