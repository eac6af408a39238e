"""Module-level extensions bound to the app in create_app(); never imports the app."""
import os
import threading
import time

from huey import RedisHuey, SqliteHuey
from huey.consumer import Consumer
from peewee import DatabaseProxy

from config import Config

from .parser import RenderowlApi

database = DatabaseProxy()
api = RenderowlApi()


# huey_consumer's own defaults, as its option parser fills them in.
_HUEY_DEFAULT_WORKERS, _HUEY_DEFAULT_DELAY, _HUEY_DEFAULT_MAX_DELAY = 1, 0.1, 10.0


# Set once this process's consumer starts to stop (SIGTERM, SIGINT): a long task (a render) hands
# its work back to the queue and returns, instead of dying with the process or holding it up.
consumer_stopping = threading.Event()
HAND_BACK_SECONDS = 15  # how long a stop waits for running tasks to hand their work back


class HandBackConsumer(Consumer):
    """huey's consumer, but a stop first tells running tasks to hand their work back.

    huey's immediate stop (SIGTERM) exits without waiting for worker threads, and its graceful
    stop (SIGINT) waits for the task to finish, which for a render may take many minutes. Both
    now set `consumer_stopping` and give the workers a short while to re-queue what they hold.
    """

    def stop(self, graceful=False):
        consumer_stopping.set()
        self.stop_flag.set()
        deadline = time.monotonic() + HAND_BACK_SECONDS
        for _, worker in self.worker_threads:
            worker.join(max(0.0, deadline - time.monotonic()))
        super().stop(graceful=graceful)


class ConsumerDefaults:
    """Defaults that suit this app when `huey_consumer wsgi.huey` is run without options.

    One worker thread would let a ten-minute render hold back every probe and webhook behind it;
    renders run in an FFmpeg subprocess, so threads are cheap. Options given on the command
    line win (huey cannot tell `-w 1` from its default, hence RENDEROWL_WORKER_THREADS).
    """

    def create_consumer(self, **options):
        if options.get("workers") == _HUEY_DEFAULT_WORKERS:
            options["workers"] = Config.WORKER_THREADS
        return HandBackConsumer(self, **options)


class ConsumerRedisHuey(ConsumerDefaults, RedisHuey):
    """Redis queue: workers block on BRPOP, so no polling to tune."""


class PollingSqliteHuey(ConsumerDefaults, SqliteHuey):
    """The SQLite queue is polled; huey's idle back-off grows to 10 s, which a user waiting for a
    render would feel. Unless the operator set -d/-m, poll every 50 ms, backing off to 0.1 s: an
    idle poll is one indexed `SELECT 1` on a local file (huey takes the lock only when a task is
    there), so the default 4 threads cost ~40 cheap reads a second, and a new render or event
    waits ~20 ms on average for a thread (bench/render.py prints the wait)."""

    def create_consumer(self, **options):
        if options.get("initial_delay") == _HUEY_DEFAULT_DELAY:
            options["initial_delay"] = 0.05
        if options.get("max_delay") == _HUEY_DEFAULT_MAX_DELAY:
            options["max_delay"] = 0.1
        return super().create_consumer(**options)


def make_huey(config):
    """The task queue: Redis when configured, else a SQLite file (the embedded default)."""
    common = dict(name=config.HUEY_NAME, results=False, utc=True,
                  immediate=config.HUEY_IMMEDIATE, store_intermediate_errors=False)
    if config.REDIS_URL:
        return ConsumerRedisHuey(url=config.REDIS_URL, **common)
    if not config.HUEY_IMMEDIATE:
        os.makedirs(os.path.dirname(os.path.abspath(config.HUEY_SQLITE_PATH)), exist_ok=True)
    return PollingSqliteHuey(filename=config.HUEY_SQLITE_PATH, **common)


def configure_huey(config):
    """Point the already-created `huey` at another queue (tests, `create_app(OtherConfig)`)."""
    fresh = make_huey(config)
    huey.storage_class = fresh.storage_class
    huey.storage_kwargs = fresh.storage_kwargs
    huey.name = fresh.name
    # Immediate mode runs tasks inline on huey's in-memory storage (huey's public switches).
    huey.immediate_use_memory = True
    huey.immediate = config.HUEY_IMMEDIATE
    huey.storage = huey.create_storage()


# Created at import so `@huey.task` decorators can register; the consumer imports wsgi,
# which builds the app from the same environment.
huey = make_huey(Config)
