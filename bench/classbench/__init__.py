"""The parts of ``bench/classe.py``, by job (the command itself stays ``bench/classe.py``):

- ``text``: French paragraphs and the Markdown of a section or an annex;
- ``generate``: the reference class (images, dossiers) and the projects built from it;
- ``sampling``: running a step in its own process, sampling its CPU and memory;
- ``records``: reading the tool's timing records;
- ``tool``: this tool's build steps (cold, warm, edited, scaling, profile);
- ``anchors``: the plain tools it is measured against (WeasyPrint, Pandoc + Typst, images).

``bench/classe.py`` puts ``bench/`` and the checkout on ``sys.path`` before importing them."""

from pathlib import Path

BENCH = Path(__file__).resolve().parent.parent
ROOT = BENCH.parent
CLASSE = BENCH / "classe.py"          # the command a step runs again (``--step NAME``)
