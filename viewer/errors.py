"""The one exception type for failures the user can understand and fix.

Anything raised as :class:`UserError` is shown as a single line (CLI: on stderr with a
non-zero exit; app: a message box or the status bar) and never as a traceback.
"""


class UserError(Exception):
    """A failure to report to the user in one line (the message is the whole story)."""
