#!/usr/bin/env python
"""Django's command-line utility for Curbside (the `curbside` command does the same)."""

from curbside.__main__ import main

if __name__ == "__main__":
    main()
