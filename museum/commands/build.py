"""`museum build` and `museum check`: the pipeline on one screen.

    load dossiers → gate → enrich from snapshots → gate → render pages → write (atomic swap)

Everything is gathered before anything is written; a gate stops with every problem at once.
What did not change since the last build is reused (`Caches`); `clean` reuses nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..catalog import Catalog, enrich
from ..dossiers.load import Loader, load_collection, load_dossier
from ..errors import Diagnostic, ValidationFailed
from ..figures import FigureCache, Figures, Pool
from ..project import Project
from ..site import render_site, search, write_site
from .incremental import DossierMemo, PageMemo, dossier_memo, page_memo

Progress = Callable[[str], None]  # told the name of each stage as it starts


def gate(diagnostics: list[Diagnostic], strict: bool = False) -> None:
    """Stop with every problem at once if any is an error (or, when strict, a warning)."""
    if any(d.is_error or strict for d in diagnostics):
        raise ValidationFailed(diagnostics)


def gather(
    project: Project, load: Loader = load_dossier, progress: Progress | None = None
) -> tuple[Catalog, list[Diagnostic]]:
    """The enriched catalog and its warnings; raises ValidationFailed at the first stage with errors."""
    progress = progress or _quiet
    progress("dossiers")
    collection, diagnostics = load_collection(project, load)
    gate(diagnostics)
    progress("catalog")
    catalog, found = enrich(collection, project)
    diagnostics += found
    gate(diagnostics)
    return catalog, diagnostics


def check(project: Project, strict: bool = False) -> list[Diagnostic]:
    """Validate only; returns the warnings."""
    _, warnings = gather(project)
    gate(warnings, strict)
    return warnings


def read_halls(folder: Path) -> dict[str, str]:
    """The halls' Markdown by name (halls/why-the-numbers-lie.md → "why-the-numbers-lie"); none is fine."""
    return {p.stem: p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.md"))} if folder.is_dir() else {}


@dataclass
class Caches:
    """What builds may reuse: validated dossiers, drawn figures, rendered pages (memory + .cache/).

    One build makes its own; a dev server keeps one for all its builds, so they share memory too."""

    dossiers: DossierMemo
    figures: FigureCache
    pages: PageMemo

    @classmethod
    def of(cls, project: Project, clean: bool = False, remember: bool = False) -> Caches:
        """`remember`: keep rendered pages in memory too, for the next build of this process (a dev server)."""
        cache = project.root / ".cache"
        return cls(dossier_memo(cache / "dossiers", not clean), FigureCache(project.figure_cache, not clean, pool=Pool()),
                   page_memo(cache / "pages", project.templates, not clean, {} if remember else None))  # fmt: skip

    def fresh(self, project: Project) -> Caches:
        """The same memory, counts from zero (and templates read again): for the next build of a server."""
        pages = page_memo(self.pages.store.folder, project.templates, self.pages.store.read, self.pages.store.memory)
        pages.fingerprint = self.pages.fingerprint.kept()
        return Caches(DossierMemo(self.dossiers.store, self.dossiers.salt, self.dossiers.objects),
                      FigureCache(self.figures.folder, self.figures.read, self.figures.memory, self.figures.pool),
                      pages)  # fmt: skip

    def close(self) -> None:
        """Stop the processes that drew figures, if any were started."""
        if isinstance(self.figures.pool, Pool):
            self.figures.pool.close()


@dataclass(frozen=True)
class Report:
    """What a build did: its warnings; pages, figures and dossiers made afresh or reused."""

    warnings: list[Diagnostic]
    pages: int
    figures_drawn: int
    figures_reused: int
    pages_rendered: int = 0
    pages_reused: int = 0
    dossiers_read: int = 0
    dossiers_reused: int = 0


def build(project: Project, site: Path | None = None, strict: bool = False, caches: Caches | None = None,
          progress: Progress | None = None, index: Callable[[Path], object] = search.index) -> Report:  # fmt: skip
    """Gather, gate, render and swap the new site in; `index` builds the search index in the new
    folder before the swap (the dev server gives it the old index and re-indexes afterwards)."""
    if caches is None:
        own = Caches.of(project)
        try:
            return build(project, site, strict, own, progress, index)
        finally:
            own.close()
    progress = progress or _quiet
    catalog, warnings = gather(project, caches.dossiers, progress)
    gate(warnings, strict)
    for dossier, digest in caches.dossiers.contents:  # pages that show a dossier need not walk it to hash it
        caches.pages.fingerprint.know(dossier, digest)
    progress("figures, pages and writing")
    figures = Figures(caches.figures)
    store = caches.pages.store
    compiled = store.folder.parent / "templates" if store.folder is not None and store.read else None
    if compiled is not None:
        compiled.mkdir(parents=True, exist_ok=True)
    pages = render_site(catalog, project.templates, figures, read_halls(project.halls), caches.pages,
                        project.base_url, project.assets, compiled)  # fmt: skip
    written = write_site(
        pages, project.assets, site or project.site, finish=_after(figures.cache.settle, progress, index)
    )
    html = sum(path.endswith(".html") for path in written)
    return Report(warnings, html, figures.cache.drawn, figures.cache.reused, caches.pages.rendered,
                  caches.pages.reused, caches.dossiers.read_count, caches.dossiers.reused)  # fmt: skip


def _after(settle: Callable[[], None], progress: Progress, index: Callable[[Path], object]) -> Callable[[Path], None]:
    """What finishes the new site once its pages are written: the figures still being drawn are kept
    (those whose pages came from the page cache, for next time), then the search index is made."""

    def finish(folder: Path) -> None:
        settle()
        progress("indexing for search")
        index(folder)

    return finish


def _quiet(stage: str) -> None:
    pass
