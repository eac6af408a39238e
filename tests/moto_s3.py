"""A real S3-compatible HTTP server (moto's) for tests, on a free local port."""
import os

from moto.server import ThreadedMotoServer

DUMMY_AWS_ENV = {
    "AWS_ACCESS_KEY_ID": "testing",
    "AWS_SECRET_ACCESS_KEY": "testing",
    "AWS_SESSION_TOKEN": "testing",
    "AWS_DEFAULT_REGION": "us-east-1",
}


def start_moto_server():
    """Start moto on 127.0.0.1 and return `(endpoint_url, stop_fn)`."""
    # Dummy credentials unconditionally: a test must never reach a real account.
    os.environ.update(DUMMY_AWS_ENV)
    os.environ.pop("AWS_PROFILE", None)
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()

    def stop():
        server.stop()
        # stop() leaves the listening socket open; close it so ports are not leaked.
        if server._server is not None:
            server._server.server_close()

    return "http://%s:%d" % (host, port), stop
