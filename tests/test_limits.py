"""The bounds data file (rules/limites.yml): every bound is data with a French message, and the
time bound interrupts work that would not stop by itself, in any thread."""

from __future__ import annotations

import dataclasses
import threading
import time
from pathlib import Path

import pytest

from portfolio.errors import ConfigError, DossierError
from portfolio.limits import LIMITS_FILE, bound, load_limits, time_limit
from portfolio.markdown import render_section
from portfolio.model import Section

# What the issue asks to bound, each a row of the data file.
BOUNDED = ["section", "yaml", "yaml_alias", "svg_elements", "svg_use", "markdown_imbrication",
           "markdown_crochets", "markdown_secondes", "pdf_pages", "pdf_profondeur", "media"]


def test_every_bound_is_data_with_a_french_message():
    limits = load_limits()
    assert set(BOUNDED) <= set(limits)
    for name, limit in limits.items():
        text = str(limit.error(limit.max + 1))
        assert text.endswith(limit.hint) and "{" not in text, name
        assert limit.max >= 0


@pytest.mark.parametrize(("name", "value", "shown"), [
    ("section", 210_000, "section trop longue (210 ko ; 200 ko au plus)."),
    ("yaml", 29_000_000, "fichier YAML trop gros (29 Mo ; 500 ko au plus)."),
    ("media", 250_500_000, "fichier trop lourd (250,5 Mo ; 200 Mo au plus)"),
    ("markdown_crochets", 20_000, "(20 000 ; 5 000 au plus)"),
    ("markdown_secondes", 5, "sa conversion dépasse 5 secondes."),
])
def test_values_are_shown_as_people_read_them(name, value, shown):
    assert shown in str(bound(name).error(value))


def test_a_value_at_the_bound_passes_one_above_is_refused():
    limit = bound("markdown_crochets")
    limit.check(limit.max)
    with pytest.raises(DossierError, match="trop de crochets"):
        limit.check(limit.max + 1, Path("x.md"), 3)


@pytest.mark.parametrize(("text", "message"), [
    ("section: 3\n", "clés attendues"),
    ("section:\n  max: -1\n  unite: octets\n  message: m\n  conseil: c\n", "nombre positif"),
    ("section:\n  max: 1\n  unite: octets\n  message: '{autre}'\n  conseil: c\n",
     "{valeur} et {max}"),
    ("- a\n", "bloc de clés"),
])
def test_a_broken_bounds_file_is_a_french_error(tmp_path, text, message):
    path = tmp_path / "limites.yml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError, match=message.replace("{", r"\{").replace("}", r"\}")):
        load_limits.__wrapped__(path)


def test_the_shipped_file_is_the_one_read():
    assert LIMITS_FILE.name == "limites.yml" and LIMITS_FILE.is_file()


def _spin() -> None:
    while True:
        pass


@pytest.mark.parametrize("where", ["main", "thread"])
def test_time_limit_interrupts_pure_python_work_in_any_thread(where):
    limit = dataclasses.replace(bound("markdown_secondes"), max=0.3)
    outcome: list[str] = []

    def run() -> None:
        start = time.perf_counter()
        try:
            with time_limit(limit, Path("x.md"), 4):
                _spin()
        except DossierError as exc:
            outcome.append(f"{time.perf_counter() - start:.1f} {exc}")

    if where == "main":
        run()
    else:
        thread = threading.Thread(target=run)
        thread.start()
        thread.join(10)
    [text] = outcome
    assert float(text.split()[0]) < 2
    assert "x.md:4 : texte trop complexe : sa conversion dépasse 0.3 secondes." in text


def test_time_limit_never_interrupts_what_follows_the_block():
    """The timer fires around the end of the block: either the block is said to be too long,
    or nothing happens; never an exception later, in the code after it."""
    limit = dataclasses.replace(bound("markdown_secondes"), max=0.001)
    late = 0
    for _ in range(200):
        try:
            with time_limit(limit):
                sum(range(300))
        except DossierError:
            pass                              # the block did take more than 1 ms
        try:
            time.sleep(0.003)                 # a late interruption would land here
        except BaseException:                 # noqa: BLE001 - that is what is counted
            late += 1
    assert late == 0


def test_markdown_that_takes_too_long_is_refused(monkeypatch):
    """Whatever the counts let through, a conversion is bounded in time (here 0.2 s for a text
    of 1,999 unclosed tags, which Python-Markdown converts in about a second)."""
    limits = load_limits()
    monkeypatch.setitem(limits, "markdown_secondes",
                        dataclasses.replace(limits["markdown_secondes"], max=0.2))
    section = Section(path=Path("s.md"), slug="s", title="S", role="autre",
                      body="<a href='" * 1999, body_line=5)
    start = time.perf_counter()
    with pytest.raises(DossierError, match="s.md:5 : texte trop complexe"):
        render_section(section, {}, Path("."), lambda *args: None)
    assert time.perf_counter() - start < 2
