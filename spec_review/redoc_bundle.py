"""The Redoc renderer the reference pages load, vendored into `docs/assets/` from the npm registry.

The pages must open from file:// with no server and no network, so Redoc's standalone bundle sits beside
them, checked in. Redoc 2.x is used: its standalone bundle is a classic script (Redoc 3's is an ES module,
which browsers refuse to load from file://) and it sends no telemetry. The pinned bytes are checked by their
SHA-256, so the staleness check needs neither npm nor a network::

    vendor_bundle(Path("docs"))      # fetches with `npm pack` only when the pinned bundle is missing
    bundle_problems(Path("docs"))    # [] when the pinned bundle is in place
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import tarfile
import tempfile
from pathlib import Path

from spec_review.errors import ReviewError

__all__ = ["BUNDLE_PATH", "REDOC_VERSION", "BundleError", "bundle_problems", "vendor_bundle"]

REDOC_VERSION = "2.5.4"

BUNDLE_DIRECTORY = f"assets/redoc-{REDOC_VERSION}"
BUNDLE_PATH = f"{BUNDLE_DIRECTORY}/redoc.standalone.js"
"""Where the pages find the bundle, relative to `docs/`."""

PINNED_FILES = {
    # File in the npm package -> its SHA-256; the licences travel with the code they cover.
    "package/bundles/redoc.standalone.js": "dcaf76612bc4a3fbcc923a8966dee2f6146a5f32e5ce1b6f02dd60cbbf89500b",
    "package/bundles/redoc.standalone.js.LICENSE.txt": (
        "eed602ec32e00b2b9df1984fbcc26a687b1b3193ec01961389c4b8439e6edf73"
    ),
    "package/LICENSE": "d3026d549cf68ab7355bcfa85877bf8f845b3334a7efbfdc63936432fb34ff0e",
}

NPM_TIMEOUT_SECONDS = 120


class BundleError(ReviewError):
    """The Redoc bundle could not be vendored."""


def vendored_path(docs: Path, packaged: str) -> Path:
    return docs / BUNDLE_DIRECTORY / Path(packaged).name


def bundle_problems(docs: Path) -> list[str]:
    """What is wrong with the vendored bundle in `docs`, one line each (missing, or other bytes than pinned)."""
    problems = []
    for packaged, digest in PINNED_FILES.items():
        path = vendored_path(docs, packaged)
        if not path.is_file():
            problems.append(f"{path} is missing")
        elif hashlib.sha256(path.read_bytes()).hexdigest() != digest:
            problems.append(f"{path} is not the file of redoc {REDOC_VERSION}")
    return problems


def vendor_bundle(docs: Path) -> None:
    """Put the pinned Redoc files under `docs`, fetching the package with `npm pack` unless they are there."""
    if not bundle_problems(docs):
        return
    npm = shutil.which("npm")
    if npm is None:
        raise BundleError(
            f"npm is needed to fetch redoc {REDOC_VERSION} into {docs / BUNDLE_DIRECTORY}; install Node.js"
        )
    with tempfile.TemporaryDirectory() as scratch:
        command = [npm, "pack", f"redoc@{REDOC_VERSION}", "--silent", "--pack-destination", scratch]
        try:
            subprocess.run(command, check=True, capture_output=True, text=True, timeout=NPM_TIMEOUT_SECONDS)
        except subprocess.CalledProcessError as error:
            reason = (error.stderr or error.stdout or "").strip().splitlines()
            raise BundleError(f"npm pack redoc@{REDOC_VERSION} failed: {reason[-1] if reason else error}") from None
        except subprocess.TimeoutExpired:
            raise BundleError(f"npm pack redoc@{REDOC_VERSION} took over {NPM_TIMEOUT_SECONDS} s") from None
        (archive,) = Path(scratch).glob("redoc-*.tgz")
        extract_pinned(archive, docs)


def extract_pinned(archive: Path, docs: Path) -> None:
    """Copy the pinned files out of the npm package `archive`, refusing any whose bytes are not the pinned ones."""
    with tarfile.open(archive) as package:
        contents = {}
        for packaged, digest in PINNED_FILES.items():
            member = package.extractfile(packaged)
            if member is None:
                raise BundleError(f"the redoc {REDOC_VERSION} package has no {packaged}")
            contents[packaged] = member.read()
            if hashlib.sha256(contents[packaged]).hexdigest() != digest:
                raise BundleError(f"{packaged} of redoc {REDOC_VERSION} is not the pinned file")
    for packaged, content in contents.items():
        path = vendored_path(docs, packaged)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
