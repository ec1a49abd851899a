"""Shared fixtures: the repository's paths and the real `framescope` binary.

The binary is taken from $FRAMESCOPE_BIN, else <repo>/target/release/framescope (build it
with `cargo build --release`); the tests compare the package's numbers with its CSV output.
"""

import os
import subprocess
from pathlib import Path

import pandas as pd
import pytest

REPO = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(scope="session")
def repo() -> Path:
    return REPO


@pytest.fixture(scope="session")
def fixtures() -> Path:
    return FIXTURES


@pytest.fixture(scope="session")
def binary() -> str:
    b = os.environ.get("FRAMESCOPE_BIN") or str(REPO / "target" / "release" / "framescope")
    if not Path(b).is_file():
        pytest.fail(f"no framescope binary at {b}: run `cargo build --release` first or set FRAMESCOPE_BIN")
    return b


def cli(binary: str, *args: str, check: bool = True) -> subprocess.CompletedProcess:
    """Run the real binary; returns the completed process (stdout/stderr as text)."""
    p = subprocess.run([binary, "--quiet", *args], capture_output=True, text=True)
    if check and p.returncode not in (0, 1):
        raise AssertionError(f"framescope {' '.join(args)} failed ({p.returncode}): {p.stderr}")
    return p


def seeds_model(repo: Path):
    """A model trained on the repository's seeds, its weak-model warnings not shown (each
    test module trains its own, so warnings said once per model start afresh per module)."""
    import warnings

    import framescope

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", framescope.FramescopeWarning)
        return framescope.train(seeds=repo / "seeds", data=repo / "data")


def read_table(path: Path) -> pd.DataFrame:
    """A CSV as the exact strings the CLI wrote (no type guessing, empty stays empty)."""
    return pd.read_csv(path, dtype=str, keep_default_na=False)


@pytest.fixture(scope="session")
def cli_run(binary, repo, fixtures, tmp_path_factory) -> Path:
    """`framescope run` on the repository's seeds plus the fixture articles."""
    out = tmp_path_factory.mktemp("cli_run")
    cli(binary, "run", "--seeds", str(repo / "seeds"), "--data", str(repo / "data"), "--out", str(out),
        str(fixtures / "articles.jsonl"))
    return out
