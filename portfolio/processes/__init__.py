"""Long jobs: worker processes that die with the command, SIGTERM as Ctrl+C, and the
progress and timing records of a build."""
