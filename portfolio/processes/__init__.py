"""Long jobs: worker processes that die with the command, SIGTERM as Ctrl+C, progress and timing records."""
