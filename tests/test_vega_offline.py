"""The Vega bundle is built once per set of versions and then read from the disk cache."""
from __future__ import annotations

import pytest

from signalbrief import vega_offline


@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    monkeypatch.setenv(vega_offline.CACHE_DIR_ENV, str(tmp_path / "cache"))
    return tmp_path / "cache"


def test_bundle_cache_file_is_named_by_the_versions_that_decide_its_bytes(cache_dir):
    from importlib import metadata

    name = vega_offline.find_bundle_cache_file().name
    assert vega_offline.find_bundle_cache_file().parent == cache_dir
    # vl-convert builds the bundle for the charts' Vega-Lite version, 5.8.0 (5.8 in vl-convert's names).
    assert name == f"vega-bundle-vl-convert-{metadata.version('vl-convert-python')}-vega-lite-5.8.0.js"


def test_a_cached_bundle_is_used_as_it_is(cache_dir):
    cache_dir.mkdir()
    vega_offline.find_bundle_cache_file().write_text("window.vegaEmbed=function(){};", encoding="utf-8")
    assert vega_offline.build_vega_bundle.__wrapped__() == "window.vegaEmbed=function(){};"


def test_a_cached_bundle_that_could_end_its_script_element_is_refused(cache_dir):
    cache_dir.mkdir()
    vega_offline.find_bundle_cache_file().write_text("x='</script>'", encoding="utf-8")
    with pytest.raises(RuntimeError, match="cannot be inlined"):
        vega_offline.build_vega_bundle.__wrapped__()


def test_a_missing_bundle_is_built_and_written_whole_to_the_cache(cache_dir):
    bundle = vega_offline.build_vega_bundle.__wrapped__()
    assert "window.vegaEmbed=" in bundle
    assert vega_offline.find_bundle_cache_file().read_text(encoding="utf-8") == bundle
    assert [path.name for path in cache_dir.iterdir()] == [vega_offline.find_bundle_cache_file().name]


def test_an_unwritable_cache_only_costs_time(tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv(vega_offline.CACHE_DIR_ENV, str(blocker / "cache"))
    assert "window.vegaEmbed=" in vega_offline.build_vega_bundle.__wrapped__()
