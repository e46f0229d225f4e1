"""Allow ``python -m reader``."""

from reader.cli import main

# The guard matters: the library scan's worker processes re-import the main module.
if __name__ == "__main__":
    raise SystemExit(main())
