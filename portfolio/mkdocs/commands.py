"""What ``build.py`` asks of MkDocs: a full build into a folder, the live preview server."""

from __future__ import annotations

from pathlib import Path

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config

from .plugin import ASSETS, PortfolioPlugin

__all__ = ["build_site", "serve_site"]


def build_site(config_file: Path, site_dir: Path, *, drafts: bool = False,
               previous_site: Path | None = None, anonymous: bool = False,
               offline: bool = False, workers: int | None = None) -> PortfolioPlugin:
    """Run a full MkDocs build into ``site_dir``; returns the plugin (builds, refusals).

    ``offline`` builds the copy that opens from a folder (``file://``): file URLs instead of
    directory URLs and Material's offline plugin (search index inlined).
    """
    overrides: dict = {"site_dir": str(site_dir)}
    if offline:
        overrides["use_directory_urls"] = False
    config = load_config(str(config_file), **overrides)
    if offline:
        from material.plugins.offline.plugin import OfflinePlugin

        # Our copy of the iframe-worker shim, so Material adds no CDN address.
        config.extra["polyfills"] = [f"{ASSETS}/vendor/iframe-worker-shim.js"]
        offline_plugin = OfflinePlugin()
        offline_plugin.load_config({"enabled": True})
        config.plugins["material/offline"] = offline_plugin
    plugin = config.plugins["portfolio"]
    plugin.config.drafts = drafts or plugin.config.drafts
    plugin.config.anonymous = anonymous or plugin.config.anonymous
    if previous_site is not None:
        plugin.config.previous_site = str(previous_site)
    if workers:
        plugin.config.workers = workers
    config.plugins.on_startup(command="build", dirty=False)
    try:
        mkdocs_build(config)
    finally:
        config.plugins.on_shutdown()
    return plugin


def serve_site(config_file: Path, host: str, port: int) -> None:
    """MkDocs' live-reload server over the whole class: the plugin is the preview under serve.

    Dirty builds: MkDocs rewrites only the pages whose stamp changed (``incremental``).
    """
    from mkdocs.commands.serve import serve

    serve(str(config_file), dev_addr=f"{host}:{port}", livereload=True, build_type="dirty")
