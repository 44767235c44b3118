"""Use cases shared by the window and the command line: open, answer, evaluate, import, export, report."""
