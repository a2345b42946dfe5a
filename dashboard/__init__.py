"""The interactive event map: ``create_app(store)`` builds the Dash app over an events store."""

from dashboard.app import create_app

__all__ = ["create_app"]
