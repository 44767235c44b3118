"""Assistant achat numérique: guides a French State buyer through one digital purchase decision."""

__version__ = "0.1.0"
APP_NAME = "assistant-achat-numerique"
APP_DISPLAY_NAME = "Assistant achat numérique"

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
"""Exit statuses of the command line (DESIGN.md): success, the work failed, bad input or usage."""
