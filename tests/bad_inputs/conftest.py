"""Bad-input corpus: a one-line French summary at the end of the run (tried / as expected)."""

from __future__ import annotations

_tally = {"tried": 0, "passed": 0}
_CORPUS = "test_corpus.py::test_case["


def pytest_runtest_logreport(report) -> None:
    if _CORPUS not in report.nodeid:
        return
    if report.when == "call" or (report.when == "setup" and not report.passed):
        _tally["tried"] += 1
        _tally["passed"] += report.passed and not hasattr(report, "wasxfail")


def pytest_terminal_summary(terminalreporter) -> None:
    if _tally["tried"]:
        terminalreporter.write_line(
            f"corpus de cas invalides : {_tally['tried']} essayés, "
            f"{_tally['passed']} avec le résultat attendu")
