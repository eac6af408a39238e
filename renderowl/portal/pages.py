"""The documentation portal's pages: guides rendered from `docs/guides/*.md`, the API reference.

Every page is built from a `root` (the relative way back to the portal's top) so the same HTML
works under the app's `/docs/` and from any static host after `python -m renderowl docs build`.
"""
import html
import os
import re

import flask_swagger_ui
from markdown_it import MarkdownIt

REPO_DIR = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DOCS_DIR = os.path.join(REPO_DIR, "docs")
GUIDES_DIR = os.path.join(DOCS_DIR, "guides")
SAMPLES_DIR = os.path.join(DOCS_DIR, "samples")
IMAGES_DIR = os.path.join(DOCS_DIR, "images")
STATIC_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "static")
# Swagger UI's files, from the installed wheel (nothing is fetched from a CDN).
SWAGGER_DIR = os.path.join(os.path.dirname(flask_swagger_ui.__file__), "dist")

# The guides in reading order: (slug, title). A guide's file is docs/guides/<slug>.md.
GUIDES = (
    ("getting-started", "Getting started"),
    ("authentication", "Authentication and scopes"),
    ("errors", "Errors"),
    ("pagination", "Pagination"),
    ("idempotency", "Idempotency and retries"),
    ("uploads", "Uploads"),
    ("templates", "Templates and variables"),
    ("renders", "Renders"),
    ("automations", "Automations"),
    ("webhooks", "Webhooks"),
    ("sdks", "SDKs"),
    ("self-hosting", "Self-hosting"),
)
GUIDE_TITLES = dict(GUIDES)

# A sample's languages, as tabs: (file extension, tab label, code-block language).
SAMPLE_LANGUAGES = (("sh", "curl", "bash"), ("mjs", "Node", "javascript"), ("py", "Python", "python"),
                    ("php", "PHP", "php"))
# A line `{{sample NAME}}` or `{{gallery}}` in a guide stands for generated HTML.
_DIRECTIVE = re.compile(r"^\{\{(sample|gallery)(?: ([a-z0-9/_-]+))?\}\}$", re.M)

_markdown = MarkdownIt("commonmark", {"html": False}).enable("table")


def sample_sources(name):
    """The files of one sample, by language: [(ext, label, lang, source)] for those that exist."""
    found = []
    for ext, label, lang in SAMPLE_LANGUAGES:
        path = os.path.join(SAMPLES_DIR, "%s.%s" % (name, ext))
        if os.path.exists(path):
            with open(path, encoding="utf-8") as fh:
                found.append((ext, label, lang, fh.read()))
    if not found:
        raise LookupError("no sample named %r under docs/samples" % name)
    return found


def sample_tabs(name):
    """One sample as a tab set (curl | Node | Python), shown by static/portal.js."""
    buttons, panels = [], []
    for index, (ext, label, lang, source) in enumerate(sample_sources(name)):
        selected = "true" if index == 0 else "false"
        buttons.append('<button role="tab" aria-selected="%s" data-lang="%s">%s</button>'
                       % (selected, ext, label))
        panels.append('<pre role="tabpanel" data-lang="%s"%s><code class="language-%s">%s</code></pre>'
                      % (ext, "" if index == 0 else " hidden", lang, html.escape(source)))
    return ('<div class="samples" data-sample="%s"><div role="tablist">%s</div>%s</div>'
            % (html.escape(name), "".join(buttons), "".join(panels)))


def gallery(root):
    """The preview frames `docs/gallery/make_gallery.py` writes (docs/images/preview-*.png),
    each captioned by what it shows."""
    names = sorted(n for n in os.listdir(IMAGES_DIR) if n.startswith("preview-") and n.endswith(".png")) \
        if os.path.isdir(IMAGES_DIR) else []
    figures = []
    for name in names:
        label = name[len("preview-"):-len(".png")].replace("-", " ")
        figures.append('<figure><img src="%simages/%s" alt="Caption style: %s">'
                       '<figcaption>%s</figcaption></figure>' % (root, name, html.escape(label), html.escape(label)))
    return '<div class="gallery">%s</div>' % "".join(figures)


def render_guide(slug, root):
    """A guide's Markdown as HTML, its directive lines replaced by generated HTML."""
    with open(os.path.join(GUIDES_DIR, slug + ".md"), encoding="utf-8") as fh:
        text = fh.read()
    pieces, last = [], 0
    for match in _DIRECTIVE.finditer(text):
        pieces.append(_markdown.render(text[last:match.start()]))
        kind, arg = match.groups()
        pieces.append(sample_tabs(arg) if kind == "sample" else gallery(root))
        last = match.end()
    pieces.append(_markdown.render(text[last:]))
    return "".join(pieces)


def _nav(root, current):
    items = ['<li><a href="%sreference/"%s>API reference</a></li>'
             % (root, ' aria-current="page"' if current == "reference" else "")]
    for slug, title in GUIDES:
        items.append('<li><a href="%sguides/%s/"%s>%s</a></li>'
                     % (root, slug, ' aria-current="page"' if current == slug else "", html.escape(title)))
    return '<nav><a class="brand" href="%s">Renderowl docs</a><ul>%s</ul></nav>' % (root, "".join(items))


def _page(root, current, title, body):
    return """<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>%s · Renderowl</title>
<link rel="stylesheet" href="%sassets/portal.css">
</head><body>%s<main>%s</main>
<script src="%sassets/portal.js"></script>
</body></html>
""" % (html.escape(title), root, _nav(root, current), body, root)


def guide_page(root, slug):
    """A whole guide page."""
    return _page(root, slug, GUIDE_TITLES[slug], '<article class="guide">%s</article>' % render_guide(slug, root))


def index_page(root):
    """The portal's front page: where to start, and every guide."""
    cards = "".join('<li><a href="%sguides/%s/">%s</a></li>' % (root, slug, html.escape(title))
                    for slug, title in GUIDES)
    body = """<article class="guide"><h1>Renderowl documentation</h1>
<p>Renderowl burns captions into videos for your customers' projects: upload media straight to
storage, keep caption-style templates, render, and chain it all in automations that fire on
webhooks, schedules and uploads.</p>
<p><a class="cta" href="%sguides/getting-started/">Getting started in 10 minutes</a>
<a class="cta secondary" href="%sreference/">API reference</a></p>
<h2>Guides</h2><ul class="cards">%s</ul></article>""" % (root, root, cards)
    return _page(root, "", "Documentation", body)


def reference_page(root, spec_url):
    """The interactive API reference: Swagger UI 5 from the installed `flask-swagger-ui` wheel,
    with each operation's `x-codeSamples` shown as tabs (static/code-samples.js)."""
    body = """<section class="reference-intro"><h1>API reference</h1>
<p><strong>Authorize first.</strong> Every route under <code>/api/v1</code> takes
<code>Authorization: Bearer &lt;key&gt;</code>. Press <em>Authorize</em> below and paste the
operator's master key (projects and API keys) or a project key (<code>rk_live_…</code>, a
project's own assets, templates, renders and automations); <em>Try it out</em> then sends real
requests to this server. See <a href="%sguides/authentication/">Authentication and scopes</a>
for scopes and the failure codes, and <a href="%sguides/getting-started/">Getting started</a>
for a first render.</p>
</section><div id="swagger-ui"></div>
<link rel="stylesheet" href="%sassets/swagger/swagger-ui.css">
<script src="%sassets/swagger/swagger-ui-bundle.js"></script>
<script src="%sassets/code-samples.js"></script>
<script>
window.ui = SwaggerUIBundle({
  url: %s, dom_id: '#swagger-ui', deepLinking: true, persistAuthorization: true,
  validatorUrl: null, docExpansion: 'list', defaultModelsExpandDepth: 0,
  plugins: [window.RenderowlCodeSamples],
});
</script>""" % (root, root, root, root, root, _js_string(spec_url))
    return _page(root, "reference", "API reference", body)


def _js_string(value):
    return '"%s"' % value.replace("\\", "\\\\").replace('"', '\\"')
