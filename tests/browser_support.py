"""Real components for browser tests: a JupyterLab server and Debian's Chromium via Playwright.

Nothing here is a mock: the server is the real ``jupyter lab`` from the kit's venv,
started on a free loopback port, and the browser is ``/usr/bin/chromium``.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

CHROMIUM = os.environ.get("MIPYME_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run",
                 "--disable-quic", "--disable-dev-shm-usage"]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(url: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    last: Exception | None = None
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as reply:
                if reply.status == 200:
                    return
        except Exception as err:  # server not up yet
            last = err
        time.sleep(0.3)
    raise TimeoutError(f"{url} did not answer in {seconds} s: {last}")


@contextlib.contextmanager
def jupyter_lab(root: Path) -> Iterator[str]:
    """Start JupyterLab on ``root``; yield its base URL with the token."""
    port, token = free_port(), secrets.token_hex(16)
    home = root / ".jupyter-home"
    home.mkdir(exist_ok=True)
    env = {**os.environ, "JUPYTER_CONFIG_DIR": str(home / "config"),
           "JUPYTER_RUNTIME_DIR": str(home / "runtime"), "JUPYTER_DATA_DIR": str(home / "data"),
           "IPYTHONDIR": str(home / "ipython")}
    # Keep the kit's own kernelspecs and extensions: the venv's share/jupyter is on the path.
    env["JUPYTER_PATH"] = str(Path(sys.prefix) / "share" / "jupyter")
    # Every cell in the page (no windowing), and no news pop-up over the notebook.
    settings = home / "lab-settings"
    env["JUPYTERLAB_SETTINGS_DIR"] = str(settings)
    for rel, body in (("notebook-extension/tracker", '{"windowingMode": "none"}'),
                      ("apputils-extension/notification",
                       '{"fetchNews": "false", "checkForUpdates": false}')):
        target = settings / "@jupyterlab" / f"{rel}.jupyterlab-settings"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(body, encoding="utf-8")
    jupyter = Path(sys.executable).with_name("jupyter")
    cmd = [str(jupyter), "lab", "--no-browser", "--ip=127.0.0.1", f"--port={port}",
           f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={root}",
           "--ServerApp.allow_root=True"]
    log = open(root / "jupyter.log", "w")
    proc = subprocess.Popen(cmd, env=env, stdout=log, stderr=subprocess.STDOUT, cwd=root)
    try:
        wait_for(f"http://127.0.0.1:{port}/api/status?token={token}", 90)
        yield f"http://127.0.0.1:{port}", token
    finally:
        proc.terminate()
        try:
            proc.wait(15)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


@contextlib.contextmanager
def chromium_page(viewport: tuple[int, int] = (1280, 900)) -> Iterator[object]:
    """A new Playwright page in headless Chromium."""
    from playwright.sync_api import sync_playwright

    if not shutil.which(CHROMIUM) and not Path(CHROMIUM).exists():
        raise RuntimeError(f"Chromium not found at {CHROMIUM}: run `make system-deps`")
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS,
                                     headless=True)
        try:
            page = browser.new_page(viewport={"width": viewport[0], "height": viewport[1]})
            yield page
        finally:
            browser.close()
