"""Long jobs say what they do: progress records from the pipeline, shown as plain lines when the
output is not a terminal and as bars (tqdm) on one."""

from __future__ import annotations

import io
import logging

import pytest

from portfolio import BuildOptions
from portfolio.builder.pipeline import build_dossiers
from portfolio.processes.progress import ProgressHandler, advance


@pytest.fixture
def shown():
    """The progress logger shown on a StringIO, as the command line shows it."""
    def install(terminal: bool) -> io.StringIO:
        stream = io.StringIO()
        handler = ProgressHandler(stream, terminal)
        logger.addHandler(handler)
        handlers.append(handler)
        return stream

    logger, handlers = logging.getLogger("portfolio.processes.progress"), []
    level = logger.level
    logger.setLevel(logging.INFO)
    yield install
    for handler in handlers:
        logger.removeHandler(handler)
        handler.close()
    logger.setLevel(level)


@pytest.mark.parametrize("steps, lines", [
    ([(1, 3, "ana")], ["PDF imprimés : 1/3, il en reste 2 (ana)"]),
    ([(3, 3, "carl")], ["PDF imprimés : 3/3, terminé (carl)"]),
    # within 2 s, only the first and the last lines of a step are written
    ([(1, 5, "a"), (2, 5, "b"), (3, 5, "c"), (4, 5, "d"), (5, 5, "e")],
     ["PDF imprimés : 1/5, il en reste 4 (a)", "PDF imprimés : 5/5, terminé (e)"]),
    ([(0, 2, "en cours : \x1b]0;x")],                    # a name never drives the terminal
     ["PDF imprimés : 0/2, il en reste 2 (en cours : \\x1b]0;x)"]),
])
def test_plain_lines_when_not_a_terminal(shown, steps, lines):
    stream = shown(terminal=False)
    for done, total, name in steps:
        advance("PDF imprimés", done, total, name)
    assert stream.getvalue().splitlines() == lines


def test_a_bar_on_a_terminal(shown):
    stream = shown(terminal=True)
    for done in range(1, 4):
        advance("images", done, 3, f"photo-{done}.jpg")
    text = stream.getvalue()
    assert "images : 3/3" in text and "photo-3.jpg" in text and "\r" in text


def test_a_class_build_reports_its_dossiers_images_and_pdfs(tmp_path, project, make_dossier,
                                                            caplog):
    for slug in ("ana", "bea"):
        make_dossier(project / "students", slug, {"01-a.md": "---\ntitre: A\n---\n\n"
                                                  "![Une](../images/a.jpg)\n\n"
                                                  "![Deux](../images/b.jpg)\n"},
                     images={"a.jpg": (600, 400), "b.jpg": (400, 600)})
    roots = sorted((project / "students").iterdir())
    with caplog.at_level(logging.INFO, logger="portfolio.processes.progress"):
        build_dossiers(roots, BuildOptions(cache_dir=tmp_path / ".cache", workers=1))
    steps = [r.progress for r in caplog.records if hasattr(r, "progress")]
    assert ("dossiers lus", 2, 2, "bea") in steps
    assert [s[1:3] for s in steps if s[0] == "images"][-1] == (4, 4)
    assert [s[1:3] for s in steps if s[0] == "PDF imprimés"] == [(1, 2), (2, 2)]


def test_a_dossier_refused_in_a_worker_is_said_when_read_again(tmp_path, project, make_dossier,
                                                               caplog):
    """A PDF printed with errors in a worker (a missing image: counted with a frame) is built
    again in the command for its problems: a step says so, never a silent wait."""
    make_dossier(project / "students", "ana", {"01-a.md": "---\ntitre: A\n---\n\n"
                                               "![Absente](../images/absente.jpg)\n"})
    make_dossier(project / "students", "bea", {"01-a.md": "---\ntitre: A\n---\n\nTexte.\n"})
    roots = sorted((project / "students").iterdir())
    with caplog.at_level(logging.INFO, logger="portfolio.processes.progress"):
        builds = build_dossiers(roots, BuildOptions(cache_dir=tmp_path / ".cache", workers=2))
    assert "image introuvable" in str(builds[0].error) and builds[1].error is None
    steps = [r.progress for r in caplog.records if hasattr(r, "progress")]
    assert [s for s in steps if s[0] == "dossiers en erreur relus"] == [
        ("dossiers en erreur relus", 0, 1, "ana"), ("dossiers en erreur relus", 1, 1, "ana")]


def test_workers_make_the_frame_of_missing_images_at_once(tmp_path):
    """Several PDF workers may need the frame at the same moment: each gets it whole."""
    import multiprocessing

    from portfolio.pdf.output.stand_in import stand_in_image
    with multiprocessing.get_context("spawn").Pool(4) as pool:
        paths = pool.map(stand_in_image, [tmp_path] * 8)
    assert set(paths) == {stand_in_image(tmp_path)}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["image-introuvable-4x3.jpg"]
