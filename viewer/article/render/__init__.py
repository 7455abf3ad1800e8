"""Renderers of the article model: HTML (Qt rich-text subset), plain text, exports."""
