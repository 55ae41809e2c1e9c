"""What an analyst reads about an event, built from the store."""

from babelwire.describe.event import describe_event, explain_link

__all__ = ["describe_event", "explain_link"]
