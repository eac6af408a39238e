"""`RenderowlClient`: one object with a resource attribute per part of the API."""
from .resources import ApiKeys, Assets, Automations, Projects, Renders, Templates, Usage, WebhookDeliveries
from .transport import Transport


class RenderowlClient:
    """`RenderowlClient(api_key="rk_live_…", base_url="https://renderowl.example.com")`.

    `timeout` (seconds) bounds each HTTP attempt; `max_retries` is how many times a request
    that failed on a 429, a 5xx or the network is tried again (creates carry an
    Idempotency-Key, so a retry never creates twice). `max_retry_delay` caps a Retry-After.
    """

    def __init__(self, api_key, base_url, timeout=30.0, max_retries=2, max_retry_delay=60.0, session=None):
        self._transport = Transport(api_key, base_url, timeout, max_retries, max_retry_delay, session)
        self.projects = Projects(self._transport)
        self.api_keys = ApiKeys(self._transport)
        self.assets = Assets(self._transport)
        self.templates = Templates(self._transport)
        self.renders = Renders(self._transport)
        self.automations = Automations(self._transport)
        self.webhook_deliveries = WebhookDeliveries(self._transport)
        self.usage = Usage(self._transport)

    def request(self, method, path, params=None, json=None, idempotency_key=None):
        """Any route under `/api/v1` with the client's auth, retries and errors."""
        return self._transport.request(method, path, params=params, json=json, idempotency_key=idempotency_key)
