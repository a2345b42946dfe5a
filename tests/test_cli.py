"""The top-level `eventmap` command: help, unknown commands, exit codes."""

from __future__ import annotations

import subprocess
import sys


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "events", *args], capture_output=True, text=True, timeout=120
    )


def test_help_lists_every_documented_subcommand():
    result = run_cli("--help")
    assert result.returncode == 0
    documented = ("gazetteer", "geocode", "geoparse", "ingest", "extract", "export", "serve")
    for command in (*documented, "demo"):
        assert command in result.stdout


def test_no_command_is_a_usage_error():
    result = run_cli()
    assert result.returncode == 2
    assert "usage: eventmap" in result.stderr


def test_unknown_command_is_a_usage_error_without_traceback():
    result = run_cli("frobnicate")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "invalid choice" in result.stderr
