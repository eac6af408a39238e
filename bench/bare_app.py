"""The baseline: a bare Flask endpoint served with the same gunicorn settings."""
from flask import Flask, jsonify

app = Flask(__name__)


@app.get("/bare")
def bare():
    return jsonify({"id": "00000000-0000-0000-0000-000000000000", "status": "active"})
