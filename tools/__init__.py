"""Maintainer scripts: drawing images, syncing and executing notebooks, classroom links."""
