"""`python -m renderowl <command>`: the app's CLI (migrate, create-project, create-key, ...)."""
from flask.cli import FlaskGroup

from . import create_app


def main():
    FlaskGroup(create_app=lambda: create_app()).main(prog_name="python -m renderowl")


if __name__ == "__main__":
    main()
