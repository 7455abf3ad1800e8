"""UI tests (pytest-qt, headless)."""
