"""The documentation portal at `/docs`: guides, code samples and the API reference, all served
from this server (no CDN), and the same pages as a static build for any static host."""
import click
from flask import Blueprint, abort, current_app, redirect, send_from_directory
from flask.cli import AppGroup

from . import code_samples, pages

blp = Blueprint("portal", __name__)

# Under the app the portal lives at /docs/; the spec is served by the app at /openapi.json.
_ROOT_TO_SPEC = "../openapi.json"


@blp.route("/docs")
def docs_redirect():
    return redirect("/docs/", code=308)


@blp.route("/docs/")
def index():
    return pages.index_page("./")


@blp.route("/docs/reference/")
def reference():
    return pages.reference_page("../", "../" + _ROOT_TO_SPEC)


@blp.route("/docs/guides/<slug>/")
def guide(slug):
    if slug not in pages.GUIDE_TITLES:
        abort(404)
    return pages.guide_page("../../", slug)


@blp.route("/docs/assets/swagger/<path:filename>")
def swagger_assets(filename):
    return send_from_directory(pages.SWAGGER_DIR, filename, max_age=3600)


@blp.route("/docs/assets/<path:filename>")
def assets(filename):
    return send_from_directory(pages.STATIC_DIR, filename, max_age=3600)


@blp.route("/docs/images/<path:filename>")
def images(filename):
    return send_from_directory(pages.IMAGES_DIR, filename, max_age=3600)


docs_cli = AppGroup("docs", help="The documentation portal.")


@docs_cli.command("build")
@click.argument("out_dir", type=click.Path(file_okay=False))
def build_command(out_dir):
    """Write the portal (guides, reference, spec) as static files into OUT_DIR."""
    from .build import build_static
    click.echo("Docs written to %s" % build_static(current_app._get_current_object(), out_dir))


def init_app(app, spec):
    """Register the portal's pages (plain Flask routes: they are not API operations) and its CLI,
    and give every operation of `spec` its code samples (call once all routes are registered)."""
    app.register_blueprint(blp)
    code_samples.document(spec)
    app.cli.add_command(docs_cli)
