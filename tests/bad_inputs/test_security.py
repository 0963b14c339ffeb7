"""Security of a class build: what one hostile dossier can no longer do to the site or the class."""

from __future__ import annotations

import contextlib
import io
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from helpers import REPO, site_text

from portfolio import BuildOptions, build_dossier
from portfolio.cli.main import main
from portfolio.util.errors import set_display_root

from .cases import (
    CASES,
    SVG_METADATA,
    base,
    hostile_pdf,
    image_ref,
    jpeg_bytes,
    link_out,
    one_page_sections,
    pdf_objects,
    raw,
    section,
    steps,
)


@pytest.mark.slow
def test_a_dossier_refused_for_a_link_outside_is_withdrawn(project, capsys):
    """A symlink to /etc/passwd: the dossier is refused and its previous publication withdrawn
    (it may hold what leaked); a dossier refused for its pages keeps its previous one."""
    students = project / "students"
    base(students, "eve", title="Projet Eve")
    base(students, "zoe", title="Projet Zoe")
    assert main(["--project", str(project), "build"]) == 0
    site = project / "site"
    assert (site / "eve" / "index.html").is_file() and (site / "zoe" / "index.html").is_file()
    link_out("sections/02-passwd.md", "/etc/passwd")(students / "eve")
    one_page_sections(20)(students / "zoe")
    capsys.readouterr()
    assert main(["--project", str(project), "build"]) == 1
    out = capsys.readouterr()
    assert "students/eve/sections/02-passwd.md : ce fichier est un lien qui mène hors de " \
           "votre dossier" in out.out
    assert "« eve » pour raison de sécurité : sa version publiée précédente est retirée" \
           in out.err
    assert not (site / "eve").exists()
    assert (site / "zoe" / "index.html").is_file()
    manifest = json.loads((site / "portfolio.json").read_text(encoding="utf-8"))
    assert [entry["slug"] for entry in manifest["dossiers"]] == ["zoe"]
    assert "root:x:0:0" not in site_text(site)
    home = (site / "index.html").read_text(encoding="utf-8")
    assert "Projet Eve" not in home and "Projet Zoe" in home


@pytest.mark.parametrize("where", ["pipeline", "site"])
@pytest.mark.slow
def test_an_internal_error_on_one_dossier_spares_the_others(project, monkeypatch, capsys, where):
    """A bug met on one dossier (while judging it, or rendering its pages) refuses it with a
    French message naming it; the others are published; no traceback."""
    from portfolio.builder import pipeline
    from portfolio.mkdocs import plugin

    students = project / "students"
    base(students, "ana", title="Projet Ana")
    base(students, "eve", title="Projet Eve")
    module, name = (pipeline, "evaluate") if where == "pipeline" else \
        (plugin, "render_dossier_pages")
    real = getattr(module, name)

    def failing(*args, **kwargs):
        if any("eve" in str(getattr(a, "slug", getattr(a, "root", ""))) for a in args):
            raise ValueError("a bug")
        return real(*args, **kwargs)

    monkeypatch.setattr(module, name, failing)
    assert main(["--project", str(project), "build"]) == 1
    out = capsys.readouterr()
    assert ("  ✗ eve : refusé — students/eve/dossier.yml : ce dossier n'a pas pu être construit "
            "(erreur interne : ValueError).") in out.out
    assert "Traceback" not in out.out + out.err
    assert (project / "site" / "ana" / "index.html").is_file()
    assert not (project / "site" / "eve").exists()


# The pathological inputs (and their kin): each answered, refused, in under 10 s.
PATHOLOGICAL = ["md-brackets-20k", "md-image-brackets-20k", "md-cdata-2000",
                "md-unclosed-tags-3000", "md-very-deep-list", "md-deep-blockquote",
                "svg-use-bomb", "svg-use-loop", "yaml-29-megabytes", "yaml-alias-bomb",
                "numero-5000-digits", "date-impossible", "pdf-annex-deep-tree",
                "pdf-part1-deep-tree", "pdf-annex-101-pages"]


@pytest.mark.parametrize("name", PATHOLOGICAL)
def test_each_pathological_input_is_answered_in_under_10_s(name, tmp_path):
    case = next(c for c in CASES if c.name == name)
    set_display_root(tmp_path)
    try:
        root = base(tmp_path / "students", "bad")
        case.recipe(root)
        start = time.perf_counter()
        result = build_dossier(root, BuildOptions(cache_dir=tmp_path / ".cache"))
        elapsed = time.perf_counter() - start
    finally:
        set_display_root(None)
    assert not result.publishable
    assert case.message in str(result.problems[0])
    assert elapsed < 10, f"{name}: {elapsed:.1f} s"


@pytest.mark.slow
def test_a_dossier_cannot_take_the_address_of_a_page_of_the_site(project, capsys):
    students = project / "students"
    base(students, "ana", title="Projet Ana")
    base(students, "A propos", title="Page piégée")
    assert main(["--project", str(project), "build"]) == 1
    out = capsys.readouterr().out
    assert ("  ✗ A propos : refusé — students/A propos/dossier.yml:1 : le nom de dossier « A "
            "propos » donnerait l'adresse « a-propos/ », réservée à une page du site") in out
    about = (project / "site" / "a-propos" / "index.html").read_text(encoding="utf-8")
    assert "Page piégée" not in about and "À propos" in about


def descendants(pid: int) -> set[int]:
    """Every live process below ``pid`` (from /proc)."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            parent = int(stat.rsplit(")", 1)[1].split()[1])
            children.setdefault(parent, []).append(int(entry.name))
    found, todo = set(), [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            if child not in found:
                found.add(child)
                todo.append(child)
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.parametrize(("command", "how"), [("build", signal.SIGKILL),
                                              ("serve", signal.SIGTERM)])
@pytest.mark.slow
def test_workers_die_with_the_command(project, command, how):
    """``kill -9`` of a build, SIGTERM of the preview: no worker process is left rendering."""
    students = project / "students"
    for number in range(3):
        steps(raw("images/photo.jpg", jpeg_bytes), image_ref("../images/photo.jpg"),
              one_page_sections(6))(base(students, f"eleve-{number}", title=f"Projet {number}"))
    args = ["--port", str(_free_port())] if command == "serve" else []
    child = subprocess.Popen([sys.executable, "build.py", "--project", str(project), command,
                              *args], cwd=REPO, stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL, start_new_session=True)
    seen: set[int] = set()
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and child.poll() is None and len(seen) < 3:
            seen |= descendants(child.pid)     # the forkserver and at least one worker
            time.sleep(0.05)
        assert child.poll() is None and len(seen) >= 3, "no worker seen"
        time.sleep(0.5)
        seen |= descendants(child.pid)
        os.kill(child.pid, how)                # the command only, as a teacher would
        child.wait(timeout=30)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and any(alive(p) for p in seen):
            time.sleep(0.1)
        left = [p for p in seen if alive(p)]
        assert left == [], f"workers left after the {command} died: {left}"
    finally:
        for pid in seen:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.mark.parametrize(("header", "host", "allowed"), [
    ("127.0.0.1:8000", "127.0.0.1", True),
    ("localhost:8000", "127.0.0.1", True),
    ("LOCALHOST:8000", "127.0.0.1", True),
    ("[::1]:8000", "127.0.0.1", True),
    ("192.168.1.20:8000", "0.0.0.0", True),
    ("attaquant.example:8000", "127.0.0.1", False),     # DNS rebinding
    ("attaquant.example:8000", "0.0.0.0", False),
    ("127.0.0.1.attaquant.example:8000", "127.0.0.1", False),
    ("localhost.:8000", "127.0.0.1", True),
    ("127.0.0.1:8001", "127.0.0.1", False),             # another port
    ("127.0.0.1", "127.0.0.1", False),                  # port 80 implied
    ("", "127.0.0.1", False),
    (None, "127.0.0.1", False),
])
def test_the_preview_answers_only_requests_addressed_to_it(header, host, allowed):
    from portfolio.mkdocs.hosts import host_allowed

    assert host_allowed(header, host, 8000) is allowed


def _get(url: str, host: str | None = None) -> tuple[int, str]:
    request = urllib.request.Request(url, headers={"Host": host} if host else {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode("utf-8")


@pytest.mark.slow
def test_preview_refuses_foreign_hosts_and_survives_an_impossible_review_date(project):
    """The real preview server: a request for another name gets 421 (DNS rebinding); a
    teacher's note dated 2026-11-31 is a French warning, the server goes on serving."""
    students = project / "students"
    base(students, "ana", title="Projet Ana")
    (base(students, "eve", title="Projet Eve") / "revue.yml").write_text(
        "notes:\n  - texte: Revoir le plan.\n    date: 2026-11-31\n", encoding="utf-8")
    port = _free_port()
    server = subprocess.Popen([sys.executable, "build.py", "--project", str(project), "serve",
                               "--port", str(port)], cwd=REPO, stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, start_new_session=True)
    url = f"http://127.0.0.1:{port}/"
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            with contextlib.suppress(OSError):
                if "Projet Eve" in _get(url + "eve/")[1]:
                    break
            time.sleep(0.3)
        assert _get(url + "eve/")[0] == 200 and "Projet Ana" in _get(url + "ana/")[1]
        assert _get(url, f"localhost:{port}")[0] == 200
        status, body = _get(url + "eve/", f"attaquant.example:{port}")
        assert status == 421 and "Adresse refusée" in body and "Projet Eve" not in body
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        output = server.communicate(timeout=30)[0].decode("utf-8", "replace")
    assert ("students/eve/revue.yml:3 : date impossible « 2026-11-31 » : ce jour n'existe pas"
            in output)
    assert "Traceback" not in output


@pytest.mark.slow
def test_anonymous_build_warns_of_every_leak_and_publishes_no_name(project, capsys):
    """--anonyme: the name in a title from a first heading, in a front matter title, in the
    costs, in SVG and annex PDF metadata, in a section's file name: warned where it is shown,
    removed where the tool publishes it (addresses, metadata)."""
    students = project / "students"
    root = base(students, "quartzberg", title="Pendentif Lune")
    root.joinpath("dossier.yml").write_text(root.joinpath("dossier.yml").read_text(
        encoding="utf-8").replace("Dupont", "Quartzberg"), encoding="utf-8")
    steps(section("# Chez Quartzberg\n\nTexte.\n", head=""),
          raw("sections/02-quartzberg-atelier.md", b"---\ntitre: Atelier Quartzberg\n---\n\n"
              b"Texte.\n![Bague](../images/bague.svg \"Bague\")\n"),
          raw("images/bague.svg", SVG_METADATA.replace(b"Dupont", b"Quartzberg")),
          raw("sections/03-couts.md",
              "---\ntitre: Coûts\nrole: couts\n---\n\n```couts\n```\n".encode()),
          raw("couts.yml", b"taux_horaire: 28\nfrais_generaux: 30\nmarge: 20\napprets:\n"
              b"  - designation: Fermoir offert par Mme Quartzberg\n    prix_unitaire: 2\n"
),
          raw("annexes/plan.pdf", lambda: hostile_pdf().replace(b"Ana Dupont", b"Quartzberg")))(
        root)
    assert main(["--project", str(project), "build", "--anonyme"]) == 0
    err = capsys.readouterr().err
    for where in ("students/quartzberg/sections/01-texte.md : anonymat : le nom du candidat "
                  "apparaît dans le titre « Chez Quartzberg »",
                  "students/quartzberg/sections/02-quartzberg-atelier.md : anonymat : le nom du "
                  "candidat apparaît dans le titre « Atelier Quartzberg »",
                  "students/quartzberg/couts.yml:5 : anonymat : le nom du candidat apparaît "
                  "dans l'étude des coûts"):
        assert where in err, where
    site = project / "site"
    assert (site / "candidat-01234567890" / "section-2" / "index.html").is_file()
    for path in site.rglob("*"):
        assert "quartzberg" not in path.name.lower(), path
        if path.suffix in (".svg", ".json") and "search" not in path.parts:
            assert b"Quartzberg" not in path.read_bytes(), path
        if path.suffix == ".pdf":          # the texts the student wrote are warned of above
            objects = pdf_objects(path.read_bytes())
            assert "Quartzberg XMP" not in objects and "Quartzberg PieceInfo" not in objects


def commented_pdf() -> bytes:
    """An annex with a sticky note, as Acrobat writes it: the account's name as its author
    (``/T``) and the name in the comment (``/Contents``)."""
    from pypdf import PdfWriter
    from pypdf.generic import ArrayObject, DictionaryObject, FloatObject, NameObject
    from pypdf.generic import TextStringObject as Text

    writer = PdfWriter()
    page = writer.add_blank_page(595, 842)
    note = DictionaryObject({NameObject("/Type"): NameObject("/Annot"),
                             NameObject("/Subtype"): NameObject("/Text"),
                             NameObject("/Rect"): ArrayObject([FloatObject(v)
                                                               for v in (10, 10, 30, 30)]),
                             NameObject("/T"): Text("Compte Quartzberg-PC"),
                             NameObject("/Contents"): Text("Relu par Quartzberg")})
    page[NameObject("/Annots")] = ArrayObject([writer._add_object(note)])
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


@pytest.mark.slow
def test_anonymous_build_warns_of_names_in_drawings_and_pdf_comments(project, capsys):
    """Issue 28, item 7: the name in an SVG's text, ids, data-* or aria-label, and in an annex
    PDF's annotations (author /T, comment /Contents)."""
    students = project / "students"
    root = base(students, "quartzberg", title="Pendentif Lune")
    root.joinpath("dossier.yml").write_text(root.joinpath("dossier.yml").read_text(
        encoding="utf-8").replace("Dupont", "Quartzberg"), encoding="utf-8")
    steps(raw("sections/02-dessin.md", b"---\ntitre: Dessin\n---\n\nTexte.\n"
              b"![Plan](../images/plan.svg \"Plan\")\n"),
          raw("images/plan.svg", b'<svg xmlns="http://www.w3.org/2000/svg" width="40" '
              b'height="30"><g data-auteur="Quartzberg" aria-label="Quartzberg"><rect '
              b'width="40" height="30" fill="gold"/></g><text id="cartouche-quartzberg" x="1" '
              b'y="20">Plan de Quartzberg</text></svg>'),
          raw("annexes/plan.pdf", commented_pdf))(root)
    assert main(["--project", str(project), "build", "--anonyme"]) == 0
    err = capsys.readouterr().err
    assert "students/quartzberg/images/plan.svg : anonymat : le nom du candidat apparaît dans " \
        "ce dessin SVG" in err
    assert "students/quartzberg/annexes/plan.pdf : anonymat : le nom du candidat apparaît dans " \
        "un commentaire (annotation) de cette annexe PDF" in err
    site = project / "site"
    (svg,) = [p for p in site.rglob("*.svg") if b"Plan de" in p.read_bytes()]
    assert b"data-auteur" not in svg.read_bytes() and b"aria-label" not in svg.read_bytes()
    for path in site.rglob("*.pdf"):
        assert "Compte Quartzberg-PC" not in pdf_objects(path.read_bytes()), path


# -- Issue 28, item 12: the teacher's terminal and disk ------------------------------------------


def test_a_line_break_in_a_file_name_never_makes_a_fake_line(project):
    root = base(project / "students", "ana")
    for name in ("sections/02-b\n  ✓ faux : publié.md", "sections/03-c\u2028✓ x.md"):
        (root / name).write_bytes(b"Texte sans titre.\n")
    result = subprocess.run([sys.executable, "build.py", "--project", str(project), "build"],
                            cwd=REPO, capture_output=True, text=True, timeout=600)
    output = result.stdout + result.stderr
    assert result.returncode == 1
    assert "students/ana/sections/02-b\\x0a  ✓ faux : publié.md:1 : en-tête manquant" in output
    assert "students/ana/sections/03-c\\u2028✓ x.md" in output
    assert not any(line.lstrip().startswith("✓") for line in output.split("\n")), output
    assert "\u2028" not in output


@pytest.mark.slow
def test_sigterm_during_publier_leaves_no_build_folder(project):
    for i in range(3):
        base(project / "students", f"eleve-{i}", title=f"Projet {i}")
    process = subprocess.Popen([sys.executable, "build.py", "--project", str(project), "build"],
                               cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                               text=True)
    deadline = time.monotonic() + 120
    while not list(project.glob(".site.build-*")) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert list(project.glob(".site.build-*")), "the build folder never appeared"
    process.send_signal(signal.SIGTERM)
    output = process.communicate(timeout=120)[0]
    assert process.returncode == 1, output
    assert "interrompu : rien n'a été publié." in output and "Traceback" not in output
    assert not list(project.glob(".site*")), list(project.glob(".site*"))


@pytest.mark.slow
def test_a_full_disk_keeps_the_previous_site_and_says_so_in_french(project, monkeypatch,
                                                                   capsys):
    import errno

    from portfolio.util import publish

    base(project / "students", "ana", title="Version publiée")
    assert main(["--project", str(project), "build"]) == 0
    before = {p.relative_to(project): p.read_bytes()
              for p in (project / "site").rglob("*") if p.is_file()}
    base(project / "students", "eve", title="Nouvelle")

    def full(*args):                 # what the kernel answers when the disk is full
        raise OSError(errno.ENOSPC, "No space left on device", str(project / "site"))

    monkeypatch.setattr(publish, "swap_into_place", full)
    capsys.readouterr()
    assert main(["--project", str(project), "build"]) == 1
    err = capsys.readouterr().err
    assert "erreur : disque plein (site) : la commande s'est arrêtée sans rien remplacer" in err
    assert "Libérez de la place" in err and "No space" not in err
    after = {p.relative_to(project): p.read_bytes()
             for p in (project / "site").rglob("*") if p.is_file()}
    assert after == before
    assert not list(project.glob(".site.build-*"))
