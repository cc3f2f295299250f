"""Screenshots of the report's HTML view (`cleaner view`), for a person to look at.

For each seed article (fixtures/seeds) and the HTML fixture page with chrome,
writes into --out the page itself (NAME.html), a desktop-width screenshot
(NAME.png) and a phone-width one (NAME.narrow.png), taken by headless
Chromium with the network shut off. Nothing is measured: this is for eyes.

    python benchmarks/view_screenshots.py                 # all, into out/view/
    python benchmarks/view_screenshots.py --quick         # CI smoke: one seed
    python benchmarks/view_screenshots.py --height 6000   # taller shots
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from cleaner import Cleaner  # noqa: E402
from cleaner.report.view import render  # noqa: E402

FIXTURES = REPO / "fixtures"
SIZES = {"": 1400, ".narrow": 420}  # file suffix -> window width in CSS pixels


def sources(quick: bool) -> list[Path]:
    seeds = sorted((FIXTURES / "seeds").glob("*.raw.txt"))
    return seeds[:1] if quick else seeds + [FIXTURES / "html" / "article-with-chrome.html"]


def screenshot(chromium: str, page: Path, png: Path, width: int, height: int, profile: Path) -> None:
    command = [
        chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run", f"--user-data-dir={profile}",
        "--host-resolver-rules=MAP * ~NOTFOUND", "--hide-scrollbars", f"--window-size={width},{height}",
        f"--screenshot={png}", page.as_uri(),
    ]
    done = subprocess.run(command, capture_output=True, text=True, timeout=180, check=False)
    if done.returncode != 0 or not png.exists():
        raise SystemExit(f"chromium failed on {page.name}: {done.stderr[-1000:]}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", type=Path, default=REPO / "out" / "view", help="folder for the pages and PNGs")
    ap.add_argument("--height", type=int, default=2400, help="screenshot height in CSS pixels")
    ap.add_argument("--quick", action="store_true", help="one seed only (CI smoke run)")
    args = ap.parse_args(argv)
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        raise SystemExit("chromium is not installed (Debian: apt-get install -y chromium)")
    args.out.mkdir(parents=True, exist_ok=True)
    cleaner = Cleaner()
    with tempfile.TemporaryDirectory() as profile:
        for source in sources(args.quick):
            name = source.name.split(".")[0]
            result = cleaner.clean(source.read_bytes(), name=source.name)
            page = args.out / f"{name}.html"
            page.write_text(render(result.report(), result.source_text), encoding="utf-8")
            for suffix, width in SIZES.items():
                png = args.out / f"{name}{suffix}.png"
                screenshot(chromium, page, png, width, args.height, Path(profile))
                print(f"{png} ({width} px wide)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
