"""Read by `gunicorn wsgi:app` from this directory (gunicorn's default config file)."""
from renderowl.gunicorn_errors import install

# Its own refusals (414 URI too long, 431, malformed requests) answer the API's JSON envelope.
install()

# gunicorn 27 opens a control socket at one fixed path per user (~/.gunicorn/gunicorn.ctl), so
# several gunicorns on one host (scale-out, or `up` beside a test run) would take it from each
# other. Nothing here uses `gunicornc`: no socket.
control_socket_disable = True
