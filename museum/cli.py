"""Command line: parse arguments, run a stage, turn errors into messages and exit codes.

Only the standard library and the light foundations are imported up front: a build that finds
nothing changed answers before pydantic, Jinja or matplotlib are imported.
"""

from __future__ import annotations

import argparse
import sys
import threading
import time
import traceback
from pathlib import Path
from typing import TextIO

from .errors import Diagnostic, MuseumError, ValidationFailed
from .project import Project, base_url

BASE_URL_HELP = ("the address the site is published at, e.g. https://example.org/museum/: used only for the "
                 "absolute URLs of sitemap.xml, robots.txt and link previews (without it: no sitemap.xml, "
                 "no og:url or og:image); every link stays relative")  # fmt: skip


def _base_url(text: str) -> str:
    try:
        return base_url(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--root", type=Path, default=argparse.SUPPRESS, help="the museum's folder (default: current folder)"
    )
    common.add_argument(
        "--debug", action="store_true", default=argparse.SUPPRESS, help="show a traceback on unexpected errors"
    )
    loud = argparse.ArgumentParser(add_help=False)
    loud.add_argument("-q", "--quiet", action="store_true", default=argparse.SUPPRESS, help="print only problems")
    loud.add_argument("-v", "--verbose", action="store_true", default=argparse.SUPPRESS, help="explain each stage")
    parser = argparse.ArgumentParser(
        prog="museum", description="Build the Model Museum static site from YAML dossiers.", parents=[loud]
    )
    parser.add_argument("--root", type=Path, default=Path("."), help="the museum's folder (default: current folder)")
    parser.add_argument("--debug", action="store_true", help="show a traceback on unexpected errors")
    parser.add_argument("--clean", action="store_true", help="build without reusing anything from earlier builds")
    parser.add_argument("--base-url", type=_base_url, default=None, metavar="URL", help=BASE_URL_HELP)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    build = sub.add_parser("build", parents=[common, loud], help="validate everything and write the site (the default)")
    build.add_argument("--out", type=Path, default=None, help="output folder (default: ROOT/_site)")
    build.add_argument("--strict", action="store_true", help="treat warnings as errors")
    build.add_argument("--base-url", type=_base_url, default=argparse.SUPPRESS, metavar="URL", help=BASE_URL_HELP)
    build.add_argument("--clean", action="store_true", default=argparse.SUPPRESS,
                       help="build without reusing anything from earlier builds")  # fmt: skip
    check = sub.add_parser("check", parents=[common], help="validate the dossiers without writing anything")
    check.add_argument("--strict", action="store_true", help="treat warnings as errors")
    serve = sub.add_parser("serve", parents=[common], help="build, serve and rebuild on every change (live reload)")
    serve.add_argument("--port", type=int, default=8000, help="port to serve on (default: 8000; 0 picks a free one)")
    serve.add_argument(
        "--host", default="127.0.0.1", help="interface to serve on (default: 127.0.0.1, this machine only)"
    )
    serve.add_argument("--strict", action="store_true", help="treat warnings as errors")
    serve.add_argument("--base-url", type=_base_url, default=None, metavar="URL", help=BASE_URL_HELP)
    new = sub.add_parser("new", parents=[common], help="start a dossier, pre-filled from a config.json")
    new.add_argument("slug", metavar="SLUG", help="the new dossier's slug (its file name): lowercase, digits, hyphens")
    source = new.add_mutually_exclusive_group()
    source.add_argument("--from-config", type=Path, metavar="PATH", help="a config.json on disk")
    source.add_argument("--from-hub", metavar="ORG/NAME", help="a Hub repo whose config.json to fetch")
    schema = sub.add_parser("schema", parents=[common], help="write the dossier JSON Schema for editors")
    schema.add_argument("--stdout", action="store_true", help="print it instead of writing the file")
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


class StageLine:
    """Stage progress on stderr: with -v one line per stage with its start time; otherwise, on a
    terminal, one line rewritten in place once the build has taken longer than a moment."""

    def __init__(self, stream: TextIO, verbose: bool = False, show: bool = True, moment: float = 0.5):
        self.stream, self.verbose = stream, verbose
        self.live = show and not verbose and stream.isatty()
        self.start, self.stage, self.shown = time.perf_counter(), "", False
        self.timer = threading.Timer(moment, self._show) if self.live else None
        if self.timer:
            self.timer.daemon = True
            self.timer.start()

    def __call__(self, stage: str) -> None:
        self.stage = stage
        if self.verbose:
            print(f"{time.perf_counter() - self.start:6.2f} s  {stage}", file=self.stream, flush=True)
        elif self.shown:
            self._draw()

    def _show(self) -> None:
        self.shown = True
        self._draw()

    def _draw(self) -> None:
        self.stream.write(f"\r\x1b[K  building: {self.stage}… ({time.perf_counter() - self.start:.1f} s)")
        self.stream.flush()

    def close(self) -> None:
        if self.timer:
            self.timer.cancel()
        if self.shown:
            self.stream.write("\r\x1b[K")
            self.stream.flush()


def _print(diagnostics: list[Diagnostic] | list[str]) -> None:
    for d in diagnostics:
        print(d, file=sys.stderr)


def run(args: argparse.Namespace) -> int:
    project = Project(args.root, getattr(args, "base_url", None))
    command = args.command or "build"
    if command == "build":
        return run_build(args, project)
    if command == "schema":
        from .commands.schema import schema_text, write_schema

        if args.stdout:
            print(schema_text(), end="")
        else:
            print(f"wrote {write_schema(project)}")
        return 0
    if command == "serve":
        return run_serve(args, project)
    if command == "new":
        from .commands.new import new_dossier

        text, status = new_dossier(project, args.slug, args.from_config, args.from_hub)
        print(text)
        return status
    if command == "inspect":
        from .commands.inspect import inspect

        print(inspect(args.target, args.revision, args.json))
        return 0
    if command == "hub":
        from .commands.refresh import run_refresh

        text, status = run_refresh(project, args.slugs, args.check)
        print(text)
        return status
    from .commands import build as builder

    warnings = builder.check(project, strict=args.strict)
    _print(warnings)
    print(f"ok: {len(project.dossier_paths())} dossiers are valid")
    return 0


def run_build(args: argparse.Namespace, project: Project) -> int:
    """Build, unless the last build into the same folder is already what a build would write."""
    from .commands import fresh

    start = time.perf_counter()
    out = getattr(args, "out", None) or project.site
    strict, clean = getattr(args, "strict", False), getattr(args, "clean", False)
    quiet, verbose = getattr(args, "quiet", False), getattr(args, "verbose", False)
    done, why = (None, "--clean") if clean else fresh.up_to_date(project, out, strict)
    if verbose:
        print(f"{why}{'' if done else ': building'}", file=sys.stderr)
    if done is not None:
        _print(done["warnings"])
        if not quiet:
            print(f"up to date: {out}: {done['summary']}; nothing changed; {len(done['warnings'])} warning(s); "
                  f"{time.perf_counter() - start:.2f} s")  # fmt: skip
        return 0
    fresh.forget(project, out)
    before = fresh.Snapshot.take(project)  # before reading: an edit made during the build is seen next time
    from .commands import build as builder

    stages = StageLine(sys.stderr, verbose=verbose and not quiet, show=not quiet)
    caches = builder.Caches.of(project, clean)
    try:
        report = builder.build(project, out, strict, caches, stages)
    finally:
        stages.close()
        caches.close()
    _print(report.warnings)
    fresh.record(project, out, strict, before, f"{report.pages} pages", [str(d) for d in report.warnings])
    if not quiet:
        print(f"built {out}: {report.pages} pages ({report.pages_rendered} rendered, {report.pages_reused} from the "
              f"cache); figures: {report.figures_drawn} drawn, {report.figures_reused} from the cache; "
              f"dossiers: {report.dossiers_read} read, {report.dossiers_reused} from the cache; "
              f"{len(report.warnings)} warning(s); {time.perf_counter() - start:.2f} s")  # fmt: skip
    return 0


def run_serve(args: argparse.Namespace, project: Project) -> int:
    from .commands.serve import dev_server

    dev = dev_server(project, args.host, args.port, args.strict)
    with dev:
        print(f"serving {project.root.resolve()} at {dev.url} (built in {dev.folder}); Ctrl-C stops", flush=True)
        dev.run()
    print("stopped; the temporary site is removed", flush=True)
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
