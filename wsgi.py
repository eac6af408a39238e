"""Entry points: `gunicorn wsgi:app` and `huey_consumer wsgi.huey`."""
from renderowl import create_app
from renderowl.extensions import huey  # noqa: F401  (the consumer loads it from here)

app = create_app()
