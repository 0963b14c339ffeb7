"""The print: a dossier's sanitised HTML -> pages planned on the grid (plan, page) -> print HTML (draw) -> one WeasyPrint render, PDF and pages counted (output)."""
