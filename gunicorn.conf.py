"""Read by `gunicorn wsgi:app` from this directory (gunicorn's default config file)."""
from renderowl.gunicorn_errors import install

# Its own refusals (414 URI too long, 431, malformed requests) answer the API's JSON envelope.
install()
