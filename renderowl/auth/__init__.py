"""Authentication: master key, project API keys, scopes and rate limits."""
