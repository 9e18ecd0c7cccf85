"""Scripts that regenerate the results the notebooks quote (too slow to compute in class)."""
