"""The one Jinja environment, its filters, and safe Markdown."""

from __future__ import annotations

import datetime as dt
import functools
from pathlib import Path
from typing import Any

import jinja2
import markdown
from markdown.treeprocessors import Treeprocessor
from markupsafe import Markup, escape

from .. import formatting
from ..catalog.scores import setting_words
from ..dossiers.schema import DatedEvent
from . import urls


def when(event: DatedEvent | dt.date) -> str:
    """A dossier date (with its precision) or a plain date, as precisely as it is known."""
    if isinstance(event, DatedEvent):
        return formatting.when(event.date, event.precision)
    return formatting.when(event)


def ticks(text: str) -> Markup:
    """`code` spans in plain text (field descriptions) as <code>, everything else escaped."""
    parts = str(escape(text)).split("`")
    return Markup("".join(f"<code>{p}</code>" if i % 2 else p for i, p in enumerate(parts)))


class _SafeLinks(Treeprocessor):
    """Drop link and image targets that are not http(s), relative or in-page."""

    def run(self, root: Any) -> None:
        for el in root.iter():
            for attr in ("href", "src"):
                target = el.get(attr, "")
                if ":" in target.split("/")[0] and not target.startswith(("http:", "https:", "mailto:")):
                    el.set(attr, "#")


class _NoRawHtml(markdown.Extension):
    """Raw HTML in a dossier is shown as text, never passed through."""

    def extendMarkdown(self, md: Any) -> None:  # noqa: N802 (the Markdown API's name)
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.deregister("html")
        md.treeprocessors.register(_SafeLinks(md), "safe_links", 0)


def render_markdown(text: str) -> Markup:
    html = markdown.markdown(text, extensions=[_NoRawHtml(), "sane_lists"], output_format="html")
    return Markup(html)


@functools.lru_cache(maxsize=4)
def environment(templates: Path, compiled: Path | None = None) -> jinja2.Environment:
    """The site's Jinja environment: autoescape on, undefined names are errors. One per folder and
    process (a dev server's builds share its compiled templates; Jinja reloads a template whose file changed).
    `compiled`: a folder where compiled templates are kept for the next process (keyed by their source)."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates)),
        bytecode_cache=jinja2.FileSystemBytecodeCache(str(compiled)) if compiled else None,
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(
        markdown=render_markdown,
        human=formatting.human,
        tokens=formatting.tokens,
        number=formatting.number,
        when=when,
        label=formatting.label,
        stage=formatting.stage_short,
        value=formatting.value,
        ticks=ticks,
        specimen_url=urls.specimen,
        hub_url=urls.hub_repo,
        benchmark_url=urls.benchmark,
        family_url=urls.family,
        glossary_url=urls.glossary,
        measured_as=setting_words,
    )
    env.globals["urls"] = urls
    return env


def render(env: jinja2.Environment, template: str, **context: Any) -> str:
    return env.get_template(template).render(**context)
