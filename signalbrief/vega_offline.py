"""Charts that draw without a network: each chart's placeholder and spec, and the Vega bundle to inline once per page.

Altair's own HTML output loads Vega from a CDN, so an offline page shows blank charts.
When `signalbrief render` runs a notebook it sets SIGNALBRIEF_OFFLINE_CHARTS=1 for the
kernel; a chart (`signalbrief.vegalite.VegaLiteChart`) then displays as data only: a
placeholder <div> followed by its Vega-Lite spec as JSON in a
<script type="application/json">. The page template (signalbrief/templates/signalbrief)
inlines the Vega/Vega-Lite/Vega-Embed bundle from vl-convert once and calls vegaEmbed
on every placeholder. Without that variable (JupyterLab, nbval) a chart displays
through Altair's default renderer, so charts still show in the lab.
"""
from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import os
from importlib import metadata
from pathlib import Path

# vl_convert is imported where used: the command line imports this module (through
# render) for every command, and that import costs about a second.


ENV_FLAG = "SIGNALBRIEF_OFFLINE_CHARTS"
CACHE_DIR_ENV = "SIGNALBRIEF_CACHE_DIR"
# The Vega-Lite version of the charts' specs (signalbrief.vegalite) and of the bundle that draws them.
VEGA_LITE_VERSION = "6.4.1"
CHART_CLASS = "signalbrief-chart"
SPEC_CLASS = "signalbrief-chart-spec"

# JSON may sit inside <script>: escaping these keeps any string in the data from ending
# the element ("</script>") or opening an HTML comment ("<!--").
_HTML_UNSAFE_JSON = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def dump_json_for_html(value: object) -> str:
    """Serialise `value` as JSON that is safe to place inside an HTML <script> element."""
    text = json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    for char, escaped in _HTML_UNSAFE_JSON.items():  # no escape contains a character escaped later
        text = text.replace(char, escaped)
    return text


def render_chart_html(spec: dict, **_metadata: object) -> dict[str, str]:
    """Return the mimebundle for one chart: a placeholder and its spec, no script to run.

    The id is a hash of the spec (never random), so a page renders to the same bytes
    every time; the embed script finds a chart's placeholder as the element just
    before its spec, so a chart shown twice still draws twice.
    """
    spec_json = dump_json_for_html(spec)
    chart_id = "chart-" + hashlib.sha256(spec_json.encode("utf-8")).hexdigest()[:16]
    html = (
        f'<div class="{CHART_CLASS}" id="{chart_id}"></div>'
        f'<script type="application/json" class="{SPEC_CLASS}">{spec_json}</script>'
    )
    return {"text/html": html}


def _vega_lite_minor_version() -> str | None:
    """The charts' Vega-Lite version as vl-convert names its bundles ('6.4'), if it bundles it."""
    import vl_convert

    minor = ".".join(VEGA_LITE_VERSION.split(".")[:2])
    return minor if minor in vl_convert.get_vegalite_versions() else None


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

    bundle = check_inlinable(vl_convert.javascript_bundle(vl_version=_vega_lite_minor_version()))
    with contextlib.suppress(OSError):
        cache_file.parent.mkdir(parents=True, exist_ok=True)
        partial = cache_file.with_name(f"{cache_file.name}.{os.getpid()}.partial")
        partial.write_text(bundle, encoding="utf-8")
        os.replace(partial, cache_file)
    return bundle


# Embeds every chart placeholder on the page; runs once, after the bundle.
EMBED_SCRIPT = f"""
(function () {{
  var specs = document.querySelectorAll("script.{SPEC_CLASS}");
  specs.forEach(function (element) {{
    var target = element.previousElementSibling;
    var spec = JSON.parse(element.textContent);
    window.vegaEmbed(target, spec, {{
      renderer: "svg",
      actions: {{export: true, source: false, compiled: false, editor: false}}
    }}).catch(function (error) {{
      console.error("chart " + target.id + " failed to draw: " + error);
    }});
  }});
}})();
"""
