"""Use cases over ports (repositories, unit of work, clock); the CLI and web call these."""
