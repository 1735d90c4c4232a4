"""The report opened in a real browser (headless Chromium): rendered to PNG it is not blank and
shows its charts; printed to PDF it is a valid multi-page document.

CI installs Debian's ``chromium`` (``.ci/run``); without it this test fails and says so.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import CliRunner
from tests.e2e.export_seed import seed_store
from tests.unit.exporters.log_fixture import TODAY

FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
)
CHARTS = ("volume", "longrun", "fitness", "progression")
#: Phase colours the season overview must paint (build orange, base blue), as RGB.
PHASE_RGB = {"build": (0xF5, 0x85, 0x18), "base": (0x4C, 0x78, 0xA8)}


def chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None:
        pytest.fail(
            "chromium is not installed, so the report cannot be checked in a browser: "
            "install it with `apt-get install -y chromium` (.ci/run does this)."
        )
    return found


def run_browser(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    profile = tmp_path / "chromium-profile"
    proc = subprocess.run(
        [chromium(), *FLAGS, f"--user-data-dir={profile}", *args],
        capture_output=True,
        timeout=180,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr.decode(errors="replace")[-2000:]
    return proc


@pytest.fixture
def report(cli: CliRunner, database_url: str, tmp_path: Path) -> Path:
    seed_store(database_url)
    out = tmp_path / "report.html"
    cli("report", "--out", str(out), "--today", TODAY.isoformat())
    return out


def test_report_renders_with_its_charts(report: Path, tmp_path: Path) -> None:
    from PIL import Image, ImageStat

    dom = run_browser(tmp_path, "--dump-dom", report.as_uri()).stdout.decode()
    assert len(re.findall(r"<svg\b", dom)) >= len(CHARTS)
    for name in CHARTS:
        assert f'data-chart="{name}"' in dom
    # offline: nothing is loaded from anywhere
    assert not re.search(r"""(?:src|href)=["']?(?:https?:)?//""", dom)
    assert "<script" not in dom and "<link" not in dom

    shot = tmp_path / "report.png"
    run_browser(tmp_path, "--window-size=1100,3000", f"--screenshot={shot}", report.as_uri())
    image = Image.open(shot).convert("RGB")
    assert image.size == (1100, 3000)
    grey = ImageStat.Stat(image.convert("L"))
    assert grey.stddev[0] > 25  # not blank: text, tables and charts
    colours = {rgb for _, rgb in image.getcolors(maxcolors=1 << 20) or []}
    for phase, rgb in PHASE_RGB.items():
        assert any(all(abs(a - b) <= 6 for a, b in zip(c, rgb, strict=True)) for c in colours), (
            phase
        )


def test_report_prints_to_pdf(report: Path, tmp_path: Path) -> None:
    pdf = tmp_path / "report.pdf"
    run_browser(tmp_path, "--no-pdf-header-footer", f"--print-to-pdf={pdf}", report.as_uri())
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF")
    pages = len(re.findall(rb"/Type\s*/Page(?!s)", data))
    assert pages >= 3, pages  # overview, paces and fitness, the weeks
    assert len(data) > 50_000
