"""The command line of build.py: what a user types -> library calls, French summaries and
exit codes."""
