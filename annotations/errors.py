"""The one base class of every error a user can cause, so callers (the window, the CLI) tell a
user's mistake or a refused request from a bug without looking at module names."""


class FactmarkError(Exception):
    """Something factmark refuses, with a message a person can act on."""
