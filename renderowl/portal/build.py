"""`python -m renderowl docs build OUT/`: the portal as static files for any static host."""
import json
import os
import shutil

from . import pages


def _write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(text)


def build_static(app, out_dir):
    """Write index, reference, every guide, the assets, the images and the spec into `out_dir`."""
    out_dir = os.path.abspath(out_dir)
    _write(os.path.join(out_dir, "index.html"), pages.index_page("./"))
    _write(os.path.join(out_dir, "reference", "index.html"), pages.reference_page("../", "../openapi.json"))
    for slug, _title in pages.GUIDES:
        _write(os.path.join(out_dir, "guides", slug, "index.html"), pages.guide_page("../../", slug))
    for source, target in ((pages.STATIC_DIR, "assets"), (pages.SWAGGER_DIR, os.path.join("assets", "swagger")),
                           (pages.IMAGES_DIR, "images")):
        shutil.copytree(source, os.path.join(out_dir, target), dirs_exist_ok=True,
                        ignore=shutil.ignore_patterns("__pycache__"))
    with app.app_context():
        spec = app.extensions["flask-smorest"]["apis"][""]["ext_obj"].spec.to_dict()
    _write(os.path.join(out_dir, "openapi.json"), json.dumps(spec, indent=2))
    return out_dir
