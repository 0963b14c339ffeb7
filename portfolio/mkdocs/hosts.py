"""The ``Host:`` header of a request to the preview server -> served, or refused (421).

DNS rebinding: a web page of any site, opened on the teacher's machine, can have its own name
resolve to 127.0.0.1 and then read the preview (every student's draft and review note) as if it
were its own. The browser still sends that foreign name in ``Host:``: the preview answers only
requests addressed to it by an IP address, ``localhost`` or this machine's name, on its port.
"""

from __future__ import annotations

import ipaddress
import socket
import types
from collections.abc import Callable, Iterable

__all__ = ["check_hosts", "checked_host", "host_allowed"]

REFUSED = ("Adresse refusée : l'aperçu ne répond qu'à l'adresse http://{host}:{port}/ "
           "(ou à localhost, ou à l'adresse IP de cette machine).\n")


def _split(header: str) -> tuple[str, str]:
    header = header.strip().lower()
    if header.startswith("["):                       # [::1]:8000
        name, _, rest = header[1:].partition("]")
        return name, rest.removeprefix(":")
    name, _, port = header.rpartition(":") if header.count(":") == 1 else (header, "", "")
    return name, port


def _is_ip(name: str) -> bool:
    try:
        ipaddress.ip_address(name)
    except ValueError:
        return False
    return True


def host_allowed(header: str | None, host: str, port: int) -> bool:
    """Whether a request whose ``Host:`` is ``header`` is addressed to the server bound to
    ``host``:``port`` (an IP address, ``localhost`` or this machine's name, on that port)."""
    if not header:
        return False
    name, given_port = _split(header)
    if given_port != str(port) and not (given_port == "" and port == 80):
        return False
    names = {"localhost", host.lower().strip("[]")}
    if not _is_ip(host) or not ipaddress.ip_address(host.strip("[]")).is_loopback:
        names |= {socket.gethostname().lower(), socket.getfqdn().lower()}
    return _is_ip(name) or name.rstrip(".") in names


def checked_host(serve_request: Callable, host: str, port: int) -> Callable:
    """A WSGI handler (``(self, environ, start_response)``, like MkDocs' live-reload server's)
    that answers 421 to requests not addressed to this server, and passes the others on."""

    def serve(self, environ: dict, start_response: Callable) -> Iterable[bytes] | None:
        if host_allowed(environ.get("HTTP_HOST"), host, port):
            return serve_request(self, environ, start_response)
        start_response("421 Misdirected Request",
                       [("Content-Type", "text/plain; charset=utf-8")])
        return [REFUSED.format(host=host, port=port).encode("utf-8")]

    return serve


def check_hosts(server) -> None:
    """Make a live-reload server not yet started (MkDocs' ``LiveReloadServer``, as a plugin's
    ``on_serve`` gets it) answer only the requests addressed to it."""
    host, port = server.server_address[:2]
    original = type(server)._serve_request
    server._serve_request = types.MethodType(checked_host(original, str(host), int(port)),
                                             server)
