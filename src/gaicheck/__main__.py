"""``python -m gaicheck``."""

from gaicheck.cli_fast import main

if __name__ == "__main__":
    main()
