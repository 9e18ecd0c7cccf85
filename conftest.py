"""Test-suite settings. Being at the root, this file also puts the repository on sys.path, so
that tests can import ``tools.*``."""
import os

# Tests never touch the network: notebook 08, run by nbval and by the solved run, reads Molière
# from data/cache/ if it is there, and otherwise uses its offline corpus without trying to download.
os.environ["COURSE_OFFLINE"] = "1"
