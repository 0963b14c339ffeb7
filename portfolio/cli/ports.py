"""An address and port to listen on -> whether the preview can, and if not what to type instead.

Checked before the preview's first build (a whole class takes a while): a port another program
(or another preview) holds gives a French message naming a free port to use instead.
"""

from __future__ import annotations

import errno
import socket

__all__ = ["free_port", "port_problem"]


def _bind_error(host: str, port: int) -> OSError | None:
    """The error binding ``host:port`` gives, as the preview server binds it; None if free."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    try:
        with socket.socket(family, socket.SOCK_STREAM) as sock:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)   # as http.server
            sock.bind((host, port))
    except OSError as exc:
        return exc
    return None


def free_port(host: str, after: int, tries: int = 100) -> int | None:
    """The first port after ``after`` that ``host`` can listen on (None if none is)."""
    for port in range(after + 1, min(after + 1 + tries, 65536)):
        if _bind_error(host, port) is None:
            return port
    return None


def port_problem(host: str, port: int, error: OSError | None = None) -> str:
    """What keeps the preview from listening on ``host:port``, in French ("" when nothing):
    from ``error`` if the server met one, else tried now."""
    error = error or _bind_error(host, port)
    if error is None:
        return ""
    if error.errno == errno.EADDRINUSE:
        other = free_port(host, port)
        again = f" : relancez avec --port {other}" if other else ""
        return f"le port {port} est déjà utilisé{again}"
    if error.errno in (errno.EACCES, errno.EPERM):
        return (f"le port {port} est réservé à l'administrateur de la machine : "
                f"relancez avec --port {free_port(host, 7999) or 8000}")
    if error.errno in (errno.EADDRNOTAVAIL, errno.EAFNOSUPPORT) or isinstance(
            error, socket.gaierror):
        return (f"l'adresse « {host} » n'est pas une adresse de cette machine : relancez "
                "sans --hote (cette machine seulement) ou avec --hote 0.0.0.0 (tout le réseau)")
    return ""
