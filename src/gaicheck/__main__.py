"""``python -m gaicheck``."""

from gaicheck.cli import main

if __name__ == "__main__":
    main()
