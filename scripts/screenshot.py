"""Screenshot pages of a running Line of Sight as a given user, for looking at what we build.

    .venv/bin/python scripts/screenshot.py --base http://127.0.0.1:8000 --user practitioner \
        --password line-of-sight-demo /children/ /children/1/ --out /tmp/shots
"""

import argparse
from pathlib import Path

from playwright.sync_api import sync_playwright

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync",
]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("paths", nargs="+")
    parser.add_argument("--base", default="http://127.0.0.1:8000")
    parser.add_argument("--user", default="")
    parser.add_argument("--password", default="line-of-sight-demo")
    parser.add_argument("--out", default="/tmp/shots")
    parser.add_argument("--width", type=int, default=1280)
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": args.width, "height": 900})
        if args.user:
            page.goto(args.base + "/account/sign-in/")
            page.fill("#id_username", args.user)
            page.fill("#id_password", args.password)
            page.click("button[type=submit]")
        for path in args.paths:
            page.goto(args.base + path)
            name = path.strip("/").replace("/", "_").replace("?", "_") or "home"
            target = out / f"{args.user or 'anon'}_{name}.png"
            page.screenshot(path=str(target), full_page=True)
            print(target)
        browser.close()


if __name__ == "__main__":
    main()
