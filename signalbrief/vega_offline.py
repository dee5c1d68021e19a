"""The Vega, Vega-Lite and Vega-Embed JavaScript that draws a page's charts without a network.

Altair's own HTML output loads Vega from a CDN, so an offline page shows blank charts. A
chart is a Vega-Lite mimebundle in the notebook (`signalbrief.vegalite`); the nbconvert
template `signalbrief` writes each as a placeholder <div> followed by its spec in a
<script type="application/json">, adds this bundle once (inlined, or as a file beside the
page: `signalbrief.export`) and runs `EMBED_SCRIPT`, which draws every placeholder.
The bundle comes from vl-convert, built once and cached on disk.
"""
from __future__ import annotations

import contextlib
import functools
import os
from importlib import metadata
from pathlib import Path

# vl_convert is imported where used: the command line imports this module (through
# render) for every command, and that import costs about a second.


CACHE_DIR_ENV = "SIGNALBRIEF_CACHE_DIR"
# The Vega-Lite version of the page's bundle and of the charts' $schema: the closest vl-convert
# bundles to the 5.6 that JupyterLab 4 draws the same charts with. vl-convert is pinned to 1.7.0,
# whose bundle has Vega 5 beside it (Vega-Lite 5 compiles to Vega 5 specs; with Vega 6, Vega-Embed
# logs a version notice for every chart).
VEGA_LITE_VERSION = "5.8.0"
CHART_CLASS = "signalbrief-chart"
SPEC_CLASS = "signalbrief-chart-spec"


def find_bundled_version() -> str:
    """The charts' Vega-Lite version as vl-convert names its bundles ('5.8'); RuntimeError if it has none."""
    import vl_convert

    minor = ".".join(VEGA_LITE_VERSION.split(".")[:2])
    if minor not in vl_convert.get_vegalite_versions():
        raise RuntimeError(f"vl-convert has no Vega-Lite {minor} bundle (it has {vl_convert.get_vegalite_versions()})")
    return minor


def find_cache_dir() -> Path:
    """Where built bundles are kept: $SIGNALBRIEF_CACHE_DIR, else $XDG_CACHE_HOME/signalbrief, else ~/.cache/signalbrief."""
    if os.environ.get(CACHE_DIR_ENV):
        return Path(os.environ[CACHE_DIR_ENV])
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "signalbrief"


def find_bundle_cache_file() -> Path:
    """The cache file of the bundle, named by the versions that decide its bytes.

    Read from package metadata, so a cache hit does not import vl_convert (about a
    second); upgrading it, or moving the charts to another Vega-Lite, changes the name.
    """
    versions = f"vl-convert-{metadata.version('vl-convert-python')}-vega-lite-{VEGA_LITE_VERSION}"
    return find_cache_dir() / f"vega-bundle-{versions}.js"


def check_inlinable(bundle: str) -> str:
    """Return `bundle` if it can sit inside a <script> element, else raise."""
    if "</script" in bundle.lower() or "<!--" in bundle:
        raise RuntimeError("the Vega bundle contains '</script' or '<!--' and cannot be inlined")
    return bundle


@functools.cache
def build_vega_bundle() -> str:
    """Return the Vega, Vega-Lite and Vega-Embed JavaScript, defining window.vegaEmbed.

    vl-convert takes about two seconds to build it, so it is cached per process and on
    disk (`find_bundle_cache_file`). The file is written whole and renamed into place,
    so a reader never sees half of it; a cache that cannot be read or written only costs time.
    """
    cache_file = find_bundle_cache_file()
    with contextlib.suppress(OSError, UnicodeDecodeError):  # no usable cache file: build the bundle
        return check_inlinable(cache_file.read_text(encoding="utf-8"))
    import vl_convert

    bundle = check_inlinable(vl_convert.javascript_bundle(vl_version=find_bundled_version()))
    with contextlib.suppress(OSError):
        cache_file.parent.mkdir(parents=True, exist_ok=True)
        partial = cache_file.with_name(f"{cache_file.name}.{os.getpid()}.partial")
        partial.write_text(bundle, encoding="utf-8")
        os.replace(partial, cache_file)
    return bundle


# Draws every chart placeholder of the page (the element just before each spec); runs once, after the bundle.
EMBED_SCRIPT = f"""
(function () {{
  var specs = document.querySelectorAll("script.{SPEC_CLASS}");
  specs.forEach(function (element, index) {{
    var target = element.previousElementSibling;
    var spec = JSON.parse(element.textContent);
    window.vegaEmbed(target, spec, {{
      renderer: "svg",
      actions: {{export: true, source: false, compiled: false, editor: false}}
    }}).catch(function (error) {{
      console.error("chart " + (index + 1) + " failed to draw: " + error);
    }});
  }});
}})();
"""
