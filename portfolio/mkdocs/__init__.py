"""The MkDocs layer: the portfolio wired into MkDocs' build and live-reload server.

The only package that imports MkDocs (like Material's ``material/plugins/*``): ``config``
(the plugin's options), ``plugin`` (the hooks), ``preview`` (what ``mkdocs serve`` keeps between
rebuilds), ``incremental`` (its dirty rebuilds), ``commands`` (what ``build.py`` calls).
"""
