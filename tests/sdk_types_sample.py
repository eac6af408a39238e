"""Type test for renderowl_client, checked by mypy in tests/test_sdk_contract.py (never run).

Every `type: ignore[...]` must meet its error (mypy --warn-unused-ignores): a misspelt field of a
render, a wrong type, a field an answer does not have. The rest must type-check cleanly.
"""
from renderowl_client import RenderowlClient
from renderowl_client.types import ErrorCode, RenderJob


def checks(client: RenderowlClient) -> RenderJob:
    client.renders.submit("p", {"captions": [{"start": 0, "end": 1, "text": "x"}],
                                "templateVars": {}})  # type: ignore[arg-type]
    client.renders.submit("p", {"caption": []})  # type: ignore[arg-type]
    client.projects.create({"slug": 3, "name": "Acme"})  # type: ignore[arg-type]
    job = client.renders.get("p", "j")
    job["statuss"]  # type: ignore[typeddict-item]
    code: ErrorCode = "ASSET_MISSING"  # type: ignore[assignment]
    ok: ErrorCode = "ASSET_NOT_FOUND"
    for asset in client.assets.list("p", type="video"):
        asset["sizeBytes"] + 1
        asset["size"]  # type: ignore[typeddict-item]
    del code, ok
    return client.renders.submit("p", {"video": {"type": "asset", "assetId": "a"},
                                       "captions": {"srt": "1\n00:00:00,000 --> 00:00:01,000\nhi\n"}})
