"""Desktop integration files and the install script; the bundle itself is checked by
packaging/smoke-test.sh in CI (it needs a PyInstaller build)."""

from __future__ import annotations

import configparser
import io
import os
import pickle
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import yaml
from PySide6.QtGui import QImage

from newsviewer.gui.app import APP_ID
from newsviewer.parse_worker import DONE, PART

ROOT = Path(__file__).resolve().parent.parent
PACKAGING = ROOT / "packaging"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def test_desktop_entry_metadata_and_window_share_one_application_id() -> None:
    desktop = configparser.ConfigParser(interpolation=None)
    desktop.optionxform = str  # type: ignore[assignment,method-assign]
    desktop.read(PACKAGING / f"{APP_ID}.desktop", encoding="utf-8")
    entry = desktop["Desktop Entry"]
    assert entry["Icon"] == APP_ID
    assert entry["Exec"].split()[0] == "newsviewer"
    meta = ET.parse(PACKAGING / f"{APP_ID}.metainfo.xml").getroot()
    assert meta.findtext("id") == APP_ID
    assert meta.findtext("launchable") == f"{APP_ID}.desktop"
    assert meta.findtext("provides/binary") == "newsviewer"
    # Every release named in the metadata is one the package has had, newest first.
    versions = [r.get("version") for r in meta.iterfind("releases/release")]
    from importlib.metadata import version

    assert versions[0] == version("newsviewer")


def test_flatpak_manifest_builds_this_app_with_its_metadata() -> None:
    manifest = yaml.safe_load((PACKAGING / f"{APP_ID}.yml").read_text(encoding="utf-8"))
    assert manifest["id"] == APP_ID
    assert manifest["command"] == "newsviewer"
    # The generated Python modules first, then NewsViewer itself with its desktop files.
    assert manifest["modules"][0] == "python3-modules.json"
    app = manifest["modules"][-1]
    assert any("install.sh /app" in command for command in app["build-commands"])
    assert not any("network" in arg for arg in manifest["finish-args"])  # never fetches


def test_bundle_entry_runs_a_package_module_as_python_m_would(tmp_path: Path) -> None:
    # Frozen, the import's parse processes are started as `newsviewer -m
    # newsviewer.parse_worker`: the entry point must serve them, here from source.
    job = pickle.dumps((0, str(ROOT / "tests" / "fixtures" / "nbc-kerry-iraq.txt")))
    proc = subprocess.run(
        [sys.executable, str(PACKAGING / "bundle_entry.py"), "-m", "newsviewer.parse_worker", "0"],
        input=job,
        capture_output=True,
        timeout=120,
        cwd=ROOT,
    )
    assert proc.returncode == 0, proc.stderr
    stream = io.BytesIO(proc.stdout)
    messages = []
    while stream.tell() < len(proc.stdout):
        messages.append(pickle.load(stream))
    # Stories come as PART messages, the last one of a file with its DONE.
    parsed = [m[2] for m in messages if m[0] == PART]
    parsed += [p for m in messages if m[0] == DONE for p in m[2]]
    assert [p.article.title for p in parsed] == [
        "John Kerry: No troops on the ground in US aid to Iraq"
    ]


def test_icons_come_in_every_size_and_match_the_svg() -> None:
    for size in SIZES:
        image = QImage(str(PACKAGING / f"icons/hicolor/{size}x{size}/apps/{APP_ID}.png"))
        assert (image.width(), image.height()) == (size, size)
    assert (PACKAGING / f"icons/hicolor/scalable/apps/{APP_ID}.svg").is_file()
    check = subprocess.run(
        [sys.executable, str(PACKAGING / "render_icons.py"), "--check"],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert check.returncode == 0, check.stderr


def test_install_script_puts_entry_metadata_icons_and_bundle_in_place(tmp_path: Path) -> None:
    bundle = tmp_path / "dist" / "newsviewer"
    bundle.mkdir(parents=True)
    (bundle / "newsviewer").write_text("#!/bin/sh\necho bundled\n")
    (bundle / "newsviewer").chmod(0o755)
    stage = tmp_path / "stage"
    proc = subprocess.run(
        ["bash", str(PACKAGING / "install.sh"), "--bundle", str(bundle), "/usr"],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "DESTDIR": str(stage)},
    )
    assert proc.returncode == 0, proc.stderr
    usr = stage / "usr"
    assert (usr / f"share/applications/{APP_ID}.desktop").is_file()
    assert (usr / f"share/metainfo/{APP_ID}.metainfo.xml").is_file()
    assert (usr / f"share/icons/hicolor/scalable/apps/{APP_ID}.svg").is_file()
    for size in SIZES:
        assert (usr / f"share/icons/hicolor/{size}x{size}/apps/{APP_ID}.png").is_file()
    # The command is linked where it will be once the staged tree is in place.
    link = usr / "bin" / "newsviewer"
    assert os.readlink(link) == "/usr/lib/newsviewer/newsviewer"
    assert (usr / "lib/newsviewer/newsviewer").read_text() == "#!/bin/sh\necho bundled\n"


def test_install_script_refuses_a_relative_prefix(tmp_path: Path) -> None:
    proc = subprocess.run(
        ["bash", str(PACKAGING / "install.sh"), "relative/prefix"],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=tmp_path,
    )
    assert proc.returncode == 2
    assert "absolute" in proc.stderr
    assert not (tmp_path / "relative").exists()


def test_window_closes_itself_after_the_seconds_asked_for(tmp_path: Path) -> None:
    # What the bundle's smoke test relies on to run the window unattended.
    library = tmp_path / "library.sqlite3"
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "NEWSVIEWER_QUIT_AFTER": "0.5",
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
    }
    opened = [sys.executable, "-m", "newsviewer", "--library", str(library)]
    proc = subprocess.run(opened, capture_output=True, text=True, timeout=120, env=env)
    assert proc.returncode == 0, proc.stderr
    assert library.exists()  # it was open, not closed before the library was
    # Given a file, it closes only once the file is imported, however long that takes.
    sample = ROOT / "tests" / "fixtures" / "nbc-kerry-iraq.txt"
    proc = subprocess.run(
        [*opened, str(sample)], capture_output=True, text=True, timeout=120, env=env
    )
    assert proc.returncode == 0, proc.stderr
    search = subprocess.run(
        [*opened, "search", "kerry"], capture_output=True, text=True, timeout=120, env=env
    )
    assert "John Kerry: No troops on the ground" in search.stdout
