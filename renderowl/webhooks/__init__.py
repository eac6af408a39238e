"""Outbound webhook events: signing, delivery records and redelivery."""
